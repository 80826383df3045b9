using LiveCommerce.Client.Shared;
using LiveCommerce.Contracts;

namespace LiveCommerce.Client.Features.Accounts;

/// <summary>The signed-in account (<c>/api/me</c>), brands and their teams, invitations.</summary>
public sealed class AccountApi(ApiClient api)
{
    public Task<MeDto> MeAsync(CancellationToken ct = default) => api.GetAsync<MeDto>("/api/me", ct);

    /// <summary>Only the fields given change.</summary>
    public Task<MeDto> UpdateAsync(UpdateMeRequest request) => api.PatchAsync<MeDto>("/api/me", request);

    /// <summary>Answers a new session: every other session of the account was signed out.</summary>
    public Task<TokenResponse> ChangePasswordAsync(ChangePasswordRequest request) => api.PostAsync<TokenResponse>("/api/me/password", request);

    /// <summary>A new authenticator key; two-factor is on only once a code from it is confirmed.</summary>
    public Task<TwoFactorSetupDto> StartTwoFactorAsync() => api.PostAsync<TwoFactorSetupDto>("/api/me/two-factor", null);

    public Task EnableTwoFactorAsync(string code) => api.PostAsync("/api/me/two-factor/enable", new TwoFactorCodeRequest(code));

    public Task DisableTwoFactorAsync(string code) => api.PostAsync("/api/me/two-factor/disable", new TwoFactorCodeRequest(code));

    /// <summary>Makes the account a host (the session must be refreshed to carry the role).</summary>
    public Task<HostProfileDto> SaveHostProfileAsync(HostProfileRequest request) => api.PutAsync<HostProfileDto>("/api/me/host-profile", request);

    /// <summary>Everything the service holds about the account, as JSON.</summary>
    public Task<byte[]> ExportAsync() => api.GetBytesAsync("/api/me/export");

    public Task DeleteAsync(string password) => api.DeleteAsync("/api/me", new DeleteAccountRequest(password));

    /// <summary>A new brand owned by the caller (the session must be refreshed to carry the role).</summary>
    public Task<BrandDto> CreateBrandAsync(CreateBrandRequest request) => api.PostAsync<BrandDto>("/api/brands", request);

    public Task<BrandTeamDto> TeamAsync(string brandId, CancellationToken ct = default) =>
        api.GetAsync<BrandTeamDto>($"/api/brands/{Uri.EscapeDataString(brandId)}/members", ct);

    public Task<BrandInvitationDto> InviteAsync(string brandId, InviteMemberRequest request) =>
        api.PostAsync<BrandInvitationDto>($"/api/brands/{Uri.EscapeDataString(brandId)}/members", request);

    public Task RemoveMemberAsync(string brandId, string userId) =>
        api.DeleteAsync($"/api/brands/{Uri.EscapeDataString(brandId)}/members/{Uri.EscapeDataString(userId)}");

    public Task<BrandMembershipDto> AcceptInvitationAsync(string token) =>
        api.PostAsync<BrandMembershipDto>("/api/invitations/accept", new AcceptInvitationRequest(token));
}
