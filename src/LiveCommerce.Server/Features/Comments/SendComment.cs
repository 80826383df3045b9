using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Streams;
using Mediator;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Features.Comments;

/// <summary>A viewer comments. Accepted comments go out in the next batch window; the answer carries the comment's id.</summary>
public sealed record SendComment(Actor Actor, string StreamId, string? Text) : ICommand<CommentDto>, IValidated
{
    public void Validate(Validator v) => v.Id("streamId", StreamId);
}

public sealed class SendCommentHandler(
    IStreamStore streams,
    IModerationStore moderation,
    BlockedWordsCache blockedWords,
    ICommentBatcher batcher,
    IOptions<CommentOptions> options,
    TimeProvider clock) : ICommandHandler<SendComment, CommentDto>
{
    public async ValueTask<CommentDto> Handle(SendComment command, CancellationToken ct)
    {
        // Cheap checks first; none of these refusals uses up the viewer's quota.
        command.Actor.RequireAccount("comment");
        var normalized = CommentNormalizer.Normalize(command.Text);
        if (!normalized.IsValid)
        {
            throw new AppException(normalized.ErrorCode!, normalized.ErrorCode == ErrorCodes.CommentEmpty
                ? "The comment is empty."
                : $"A comment can be at most {CommentNormalizer.MaxLength} characters.");
        }

        var stream = await streams.GetRequiredAsync(command.StreamId, ct);
        if (stream.Status == StreamStatus.Ended)
        {
            throw AppException.Conflict(ErrorCodes.StreamEnded, "The stream has ended; comments are closed.");
        }

        var matcher = await blockedWords.ForStreamAsync(stream.Id, ct);
        if (matcher.FindIn(normalized.Text) is { } word)
        {
            throw new AppException(ErrorCodes.BlockedWord, $"The comment contains a word this stream does not allow: \"{word}\".");
        }

        var o = options.Value;
        var admission = await moderation.AdmitAsync(stream.Id, command.Actor.UserId, new AdmissionRules(o.RateLimit, o.RateWindow, stream.IsOwnedBy(command.Actor)), ct);
        var seconds = Math.Max(1, (int)Math.Ceiling(admission.RetryAfter.TotalSeconds));
        switch (admission.Result)
        {
            case AdmissionResult.Banned:
                throw AppException.Forbidden(ErrorCodes.Banned, "You are banned from commenting in this stream.");
            case AdmissionResult.TimedOut:
                throw AppException.Forbidden(ErrorCodes.TimedOut, $"You are timed out; you can comment again in {seconds} s.");
            case AdmissionResult.SlowMode:
                throw new AppException(ErrorCodes.SlowMode, $"Slow mode is on; you can comment again in {seconds} s.", StatusCodes.Status429TooManyRequests);
            case AdmissionResult.RateLimited:
                throw new AppException(ErrorCodes.RateLimited, $"At most {o.RateLimit} comments per {o.RateWindow.TotalSeconds:0} s; try again in {seconds} s.", StatusCodes.Status429TooManyRequests);
        }

        var now = clock.GetUtcNow();
        var comment = new CommentDto(CommentIds.New(now), command.Actor.UserId, command.Actor.DisplayName, normalized.Text, CommentKind.Text, now);
        batcher.Enqueue(stream.Id, comment);
        return comment;
    }
}

/// <summary>Purchase moments, for the flash-sale feature: they bypass moderation and go out in the next batch.</summary>
public sealed class CommentFeed(ICommentBatcher batcher, TimeProvider clock) : ICommentFeed
{
    public Task<CommentDto> AddPurchaseMomentAsync(string streamId, string buyerName, string country, string productTitle, CancellationToken ct = default)
    {
        var buyer = Plain(buyerName, 60);
        // No country known: say nothing of where ("Guest 8099 from someone just bought" read as a bug).
        var text = string.IsNullOrWhiteSpace(country)
            ? $"{buyer} just bought {Plain(productTitle, 120)}"
            : $"{buyer} from {Plain(country, 60)} just bought {Plain(productTitle, 120)}";
        var now = clock.GetUtcNow();
        var comment = new CommentDto(CommentIds.New(now), "system", buyer, text, CommentKind.Purchase, now);
        batcher.Enqueue(streamId, comment);
        return Task.FromResult(comment);
    }

    private static string Plain(string value, int max)
    {
        var n = CommentNormalizer.Normalize(value, max);
        return n.IsValid ? n.Text : "someone";
    }
}
