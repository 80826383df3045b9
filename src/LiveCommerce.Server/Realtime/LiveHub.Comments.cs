using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.Comments;

namespace LiveCommerce.Server.Realtime;

/// <summary>Comments, reactions and moderation. Shape checks live in the commands; each method is one Send.</summary>
public sealed partial class LiveHub
{
    public Task<CommentDto> SendComment(string streamId, string? text) =>
        Sender.Send(new SendComment(Actor, streamId, text), Context.ConnectionAborted).AsTask();

    public Task React(string streamId, string? kind) =>
        Sender.Send(new React(Actor, streamId, kind), Context.ConnectionAborted).AsTask();

    public Task DeleteComment(string streamId, string commentId) =>
        Sender.Send(new DeleteComment(Actor, streamId, commentId), Context.ConnectionAborted).AsTask();

    public Task<int> SetSlowMode(string streamId, int seconds) =>
        Sender.Send(new SetSlowMode(Actor, streamId, seconds), Context.ConnectionAborted).AsTask();

    public Task TimeoutViewer(string streamId, string userId, int seconds) =>
        Sender.Send(new TimeoutViewer(Actor, streamId, userId, seconds), Context.ConnectionAborted).AsTask();

    public Task BanViewer(string streamId, string userId) =>
        Sender.Send(new BanViewer(Actor, streamId, userId), Context.ConnectionAborted).AsTask();

    public Task UnbanViewer(string streamId, string userId) =>
        Sender.Send(new UnbanViewer(Actor, streamId, userId), Context.ConnectionAborted).AsTask();

    public Task<CommentDto> PinAnnouncement(string streamId, string? text) =>
        Sender.Send(new PinAnnouncement(Actor, streamId, text), Context.ConnectionAborted).AsTask();

    public Task UnpinAnnouncement(string streamId) =>
        Sender.Send(new UnpinAnnouncement(Actor, streamId), Context.ConnectionAborted).AsTask();

    public Task<CommentDto> MarkQuestion(string streamId, string commentId) =>
        Sender.Send(new MarkQuestion(Actor, streamId, commentId), Context.ConnectionAborted).AsTask();

    public Task<IReadOnlyList<CommentDto>> GetQuestions(string streamId) =>
        Sender.Send(new GetQuestions(Actor, streamId), Context.ConnectionAborted).AsTask();
}
