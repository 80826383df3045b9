using LiveCommerce.Server.Features.Live;

namespace LiveCommerce.Server.Features.Comments;

public static class CommentsRegistration
{
    /// <summary>Comments, reactions and moderation: options, the blocked-words cache, the feed and the snapshot part.</summary>
    public static WebApplicationBuilder AddLiveCommerceComments(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<CommentOptions>().BindConfiguration(CommentOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton<BlockedWordsCache>();
        services.AddSingleton<StreamTeam>();
        services.AddSingleton<ICommentFeed, CommentFeed>();
        services.AddSingleton<ISnapshotPart, CommentsSnapshotPart>();
        return builder;
    }
}
