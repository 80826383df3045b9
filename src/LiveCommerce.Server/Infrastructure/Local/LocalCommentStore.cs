using System.Collections.Concurrent;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.Comments;

namespace LiveCommerce.Server.Infrastructure.Local;

/// <summary>In-process comments with the same trimming and question semantics as Redis.</summary>
public sealed class LocalCommentStore : ICommentStore
{
    private readonly ConcurrentDictionary<string, StreamComments> _streams = new();

    private StreamComments For(string streamId) => _streams.GetOrAdd(streamId, _ => new StreamComments());

    public Task AddRecentAsync(string streamId, long seq, IReadOnlyList<CommentDto> comments, int keep, CancellationToken ct = default)
    {
        var s = For(streamId);
        lock (s)
        {
            s.Recent.AddRange(comments.Select(c => new StoredComment(seq, c)));
            if (s.Recent.Count > keep)
            {
                s.Recent.RemoveRange(0, s.Recent.Count - keep);
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<StoredComment>> RecentAsync(string streamId, CancellationToken ct = default)
    {
        var s = For(streamId);
        lock (s)
        {
            return Task.FromResult<IReadOnlyList<StoredComment>>(s.Recent.ToList());
        }
    }

    public Task<CommentDto?> FindRecentAsync(string streamId, string commentId, CancellationToken ct = default)
    {
        var s = For(streamId);
        lock (s)
        {
            return Task.FromResult(s.Recent.FirstOrDefault(c => c.Comment.Id == commentId)?.Comment);
        }
    }

    public Task<CommentDto?> RemoveAsync(string streamId, string commentId, CancellationToken ct = default)
    {
        var s = For(streamId);
        lock (s)
        {
            var index = s.Recent.FindIndex(c => c.Comment.Id == commentId);
            CommentDto? found = null;
            if (index >= 0)
            {
                found = s.Recent[index].Comment;
                s.Recent.RemoveAt(index);
            }

            var q = s.Questions.FindIndex(c => c.Id == commentId);
            if (q >= 0)
            {
                found ??= s.Questions[q];
                s.Questions.RemoveAt(q);
            }

            return Task.FromResult(found);
        }
    }

    public Task<bool> AddQuestionAsync(string streamId, CommentDto comment, int keep, CancellationToken ct = default)
    {
        var s = For(streamId);
        lock (s)
        {
            if (s.Questions.Exists(c => c.Id == comment.Id))
            {
                return Task.FromResult(false);
            }

            s.Questions.Add(comment);
            if (s.Questions.Count > keep)
            {
                s.Questions.RemoveRange(0, s.Questions.Count - keep);
            }

            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<CommentDto>> QuestionsAsync(string streamId, CancellationToken ct = default)
    {
        var s = For(streamId);
        lock (s)
        {
            return Task.FromResult<IReadOnlyList<CommentDto>>(s.Questions.ToList());
        }
    }

    public Task SetAnnouncementAsync(string streamId, CommentDto? announcement, CancellationToken ct = default)
    {
        var s = For(streamId);
        lock (s)
        {
            s.Announcement = announcement;
        }

        return Task.CompletedTask;
    }

    public Task<CommentDto?> AnnouncementAsync(string streamId, CancellationToken ct = default)
    {
        var s = For(streamId);
        lock (s)
        {
            return Task.FromResult(s.Announcement);
        }
    }

    private sealed class StreamComments
    {
        public List<StoredComment> Recent { get; } = [];

        public List<CommentDto> Questions { get; } = [];

        public CommentDto? Announcement { get; set; }
    }
}
