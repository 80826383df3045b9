namespace LiveCommerce.Client.Features.Studio;

/// <summary>Hub method names the studio calls (docs/API.md), so a typo is a compile error.</summary>
internal static class LiveHubMethods
{
    public const string DeleteComment = nameof(DeleteComment);
    public const string TimeoutViewer = nameof(TimeoutViewer);
    public const string BanViewer = nameof(BanViewer);
}
