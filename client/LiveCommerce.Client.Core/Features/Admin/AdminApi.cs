using LiveCommerce.Client.Shared;
using LiveCommerce.Contracts;

namespace LiveCommerce.Client.Features.Admin;

/// <summary>The operator console's HTTP calls (docs/API.md "Operator console").</summary>
public sealed class AdminApi(ApiClient api)
{
    public Task<AdminSearchResult> SearchAsync(string q) =>
        api.GetAsync<AdminSearchResult>($"/api/admin/search?q={Uri.EscapeDataString(q)}");

    public Task<AdminUserDto> SuspendAsync(string userId, string reason) =>
        api.PostAsync<AdminUserDto>($"/api/admin/accounts/{Uri.EscapeDataString(userId)}/suspend", new AdminReasonRequest(reason));

    public Task<AdminUserDto> UnsuspendAsync(string userId) =>
        api.PostAsync<AdminUserDto>($"/api/admin/accounts/{Uri.EscapeDataString(userId)}/unsuspend", null);

    public Task<StreamDto> TakedownAsync(string streamId, string reason) =>
        api.PostAsync<StreamDto>($"/api/admin/streams/{Uri.EscapeDataString(streamId)}/takedown", new AdminReasonRequest(reason));

    public Task<ReadinessDto> ReadinessAsync() => api.GetAsync<ReadinessDto>("/api/admin/readiness");

    public Task<AuditPage> AuditAsync(string? action, string? actor, string? target, long? before)
    {
        var query = new List<string> { "limit=50" };
        Add(query, "action", action);
        Add(query, "actor", actor);
        Add(query, "target", target);
        Add(query, "before", before?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return api.GetAsync<AuditPage>("/api/audit?" + string.Join('&', query));
    }

    private static void Add(List<string> query, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            query.Add($"{name}={Uri.EscapeDataString(value.Trim())}");
        }
    }

    /// <summary>The audit action's name as people read it.</summary>
    public static string ActionText(string action) => action switch
    {
        AuditActions.OrderRefunded => "Order refunded",
        AuditActions.StreamTakenDown => "Stream taken down",
        AuditActions.ViewerBanned => "Viewer banned",
        AuditActions.ViewerUnbanned => "Viewer unbanned",
        AuditActions.ViewerTimedOut => "Viewer timed out",
        AuditActions.AccountSuspended => "Account suspended",
        AuditActions.AccountUnsuspended => "Account unsuspended",
        AuditActions.PartnershipProposed => "Partnership proposed",
        AuditActions.PartnershipAccepted => "Partnership accepted",
        AuditActions.PartnershipEnded => "Partnership ended",
        AuditActions.ModeratorAdded => "Moderator added",
        AuditActions.ModeratorRemoved => "Moderator removed",
        AuditActions.BrandShippingSet => "Brand shipping changed",
        _ => action,
    };
}
