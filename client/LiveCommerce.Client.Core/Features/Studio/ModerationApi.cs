using LiveCommerce.Client.Shared;
using LiveCommerce.Contracts;

namespace LiveCommerce.Client.Features.Studio;

/// <summary>The studio's HTTP calls (docs/API.md "Comments and moderation").</summary>
public sealed class ModerationApi(ApiClient api)
{
    public Task<StreamBlockedWords> BlockedWordsAsync(string streamId) =>
        api.GetAsync<StreamBlockedWords>($"/api/streams/{Uri.EscapeDataString(streamId)}/blocked-words");

    public Task<StreamBlockedWords> SaveBlockedWordsAsync(string streamId, IReadOnlyList<string> words, IReadOnlyList<string> brands) =>
        api.PutAsync<StreamBlockedWords>($"/api/streams/{Uri.EscapeDataString(streamId)}/blocked-words", new BlockedWordsRequest(words, brands));

    public Task<StreamTeamDto> TeamAsync(string streamId) =>
        api.GetAsync<StreamTeamDto>($"/api/streams/{Uri.EscapeDataString(streamId)}/team");

    /// <summary>Names a moderator by handle or email; the answer is the team after the change.</summary>
    public Task<StreamTeamDto> AddModeratorAsync(string streamId, string handle) =>
        api.PostAsync<StreamTeamDto>($"/api/streams/{Uri.EscapeDataString(streamId)}/moderators", new AddModeratorRequest(handle));

    public Task RemoveModeratorAsync(string streamId, string userId) =>
        api.DeleteAsync($"/api/streams/{Uri.EscapeDataString(streamId)}/moderators/{Uri.EscapeDataString(userId)}");

    public Task UnbanAsync(string streamId, string userId) =>
        api.DeleteAsync($"/api/streams/{Uri.EscapeDataString(streamId)}/bans/{Uri.EscapeDataString(userId)}");

    /// <summary>Words typed one per line or separated by commas; blanks and repeats dropped.</summary>
    public static IReadOnlyList<string> ParseWords(string? text) =>
        (text ?? "").Split(['\n', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
}
