using LiveCommerce.Contracts;

namespace LiveCommerce.Server.Features.Comments;

/// <summary>Collects accepted comments and publishes them as one sequenced batch per stream per window (Realtime/CommentBatcher).</summary>
public interface ICommentBatcher
{
    void Enqueue(string streamId, CommentDto comment);
}
