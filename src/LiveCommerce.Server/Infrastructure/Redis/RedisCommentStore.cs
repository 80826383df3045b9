using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.Comments;
using StackExchange.Redis;

namespace LiveCommerce.Server.Infrastructure.Redis;

public sealed class RedisCommentStore(IConnectionMultiplexer redis, RedisKeys keys) : ICommentStore
{
    private IDatabase Db => redis.GetDatabase();

    public Task AddRecentAsync(string streamId, long seq, IReadOnlyList<CommentDto> comments, int keep, CancellationToken ct = default) =>
        RedisScripts.CommentsAdd.EvaluateAsync(
            Db,
            [keys.CommentsRecent(streamId)],
            [keep, .. comments.Select(c => (RedisValue)StoredJson.Write(new StoredComment(seq, c)))]);

    public async Task<IReadOnlyList<StoredComment>> RecentAsync(string streamId, CancellationToken ct = default) =>
        (await Db.ListRangeAsync(keys.CommentsRecent(streamId))).Select(v => StoredJson.Read<StoredComment>(v!)).ToList();

    public async Task<CommentDto?> FindRecentAsync(string streamId, string commentId, CancellationToken ct = default) =>
        (await RecentAsync(streamId, ct)).FirstOrDefault(c => c.Comment.Id == commentId)?.Comment;

    public async Task<CommentDto?> RemoveAsync(string streamId, string commentId, CancellationToken ct = default)
    {
        var removed = await RedisScripts.CommentRemove.EvaluateAsync(
            Db,
            [keys.CommentsRecent(streamId), keys.Questions(streamId), keys.QuestionsOrder(streamId)],
            [commentId]);
        return removed.IsNull ? null : StoredJson.Read<CommentDto>((string)removed!);
    }

    public async Task<bool> AddQuestionAsync(string streamId, CommentDto comment, int keep, CancellationToken ct = default) =>
        (int)await RedisScripts.QuestionAdd.EvaluateAsync(
            Db,
            [keys.Questions(streamId), keys.QuestionsOrder(streamId)],
            [comment.Id, StoredJson.Write(comment), keep]) == 1;

    public async Task<IReadOnlyList<CommentDto>> QuestionsAsync(string streamId, CancellationToken ct = default)
    {
        var ids = await Db.SortedSetRangeByRankAsync(keys.QuestionsOrder(streamId));
        if (ids.Length == 0)
        {
            return [];
        }

        var values = await Db.HashGetAsync(keys.Questions(streamId), ids);
        return values.Where(v => v.HasValue).Select(v => StoredJson.Read<CommentDto>(v!)).ToList();
    }

    public Task SetAnnouncementAsync(string streamId, CommentDto? announcement, CancellationToken ct = default) =>
        announcement is null
            ? Db.KeyDeleteAsync(keys.CommentsAnnouncement(streamId))
            : Db.StringSetAsync(keys.CommentsAnnouncement(streamId), StoredJson.Write(announcement));

    public async Task<CommentDto?> AnnouncementAsync(string streamId, CancellationToken ct = default)
    {
        var value = await Db.StringGetAsync(keys.CommentsAnnouncement(streamId));
        return value.HasValue ? StoredJson.Read<CommentDto>(value!) : null;
    }
}
