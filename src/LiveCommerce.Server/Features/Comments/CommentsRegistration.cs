using LiveCommerce.Server.Infrastructure.Local;
using LiveCommerce.Server.Infrastructure.Redis;
using LiveCommerce.Server.Realtime;

namespace LiveCommerce.Server.Features.Comments;

public static class CommentsRegistration
{
    /// <summary>Comments, reactions and moderation: Redis adapters when Redis is configured, in-process otherwise.</summary>
    public static WebApplicationBuilder AddLiveCommerceComments(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<CommentOptions>().BindConfiguration(CommentOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var redis = builder.Configuration.GetSection(RedisOptions.Section).Get<RedisOptions>() ?? new();
        if (redis.Enabled)
        {
            services.AddSingleton<ICommentStore, RedisCommentStore>();
            services.AddSingleton<IModerationStore, RedisModerationStore>();
            services.AddSingleton<IReactionTally, RedisReactionTally>();
        }
        else
        {
            services.AddSingleton<ICommentStore, LocalCommentStore>();
            services.AddSingleton<IModerationStore, LocalModerationStore>();
            services.AddSingleton<IReactionTally, LocalReactionTally>();
        }

        services.AddSingleton<BlockedWordsCache>();
        services.AddSingleton<CommentBatcher>();
        services.AddSingleton<ICommentBatcher>(sp => sp.GetRequiredService<CommentBatcher>());
        services.AddHostedService(sp => sp.GetRequiredService<CommentBatcher>());
        services.AddSingleton<ReactionTallier>();
        services.AddSingleton<IReactionCounter>(sp => sp.GetRequiredService<ReactionTallier>());
        services.AddHostedService(sp => sp.GetRequiredService<ReactionTallier>());
        services.AddSingleton<ICommentFeed, CommentFeed>();
        services.AddSingleton<ISnapshotPart, CommentsSnapshotPart>();
        return builder;
    }
}
