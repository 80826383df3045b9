using LiveCommerce.Contracts;

namespace LiveCommerce.Server.Features.Comments;

/// <summary>What other features call to put a moment into a stream's comments.</summary>
public interface ICommentFeed
{
    /// <summary>"Ana from BR just bought Glow Serum", shown in the comment stream as a <see cref="CommentKind.Purchase"/> comment.</summary>
    Task<CommentDto> AddPurchaseMomentAsync(string streamId, string buyerName, string country, string productTitle, CancellationToken ct = default);
}
