using System.Security.Cryptography;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using Mediator;

namespace LiveCommerce.Server.Features.Streams;

public sealed record ScheduleStream(Actor Actor, ScheduleStreamRequest Request) : ICommand<StreamDto>, IValidated
{
    public void Validate(Validator v) => StreamRules.ValidateDetails(v, Request);
}

public sealed class ScheduleStreamHandler(IStreamStore streams, IVideoEngine video, TimeProvider clock) : ICommandHandler<ScheduleStream, StreamDto>
{
    public async ValueTask<StreamDto> Handle(ScheduleStream command, CancellationToken ct)
    {
        if (command.Actor.Role is not (Roles.Host or Roles.Admin))
        {
            throw AppException.Forbidden(ErrorCodes.Forbidden, "Only hosts schedule streams.");
        }

        var r = command.Request;
        StreamRules.RequireFuture(r.ScheduledStart, clock.GetUtcNow());
        var id = "s-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var stream = new LiveStream(
            Id: id,
            HostId: command.Actor.UserId,
            HostName: command.Actor.DisplayName,
            Title: TextRules.Clean(r.Title),
            Description: TextRules.Clean(r.Description ?? ""),
            ScheduledStart: r.ScheduledStart,
            CoverImageUrl: r.CoverImageUrl,
            PlaybackUrl: r.PlaybackUrl ?? video.PlaybackUrl(id))
        {
            Language = StreamRules.CleanLanguage(r.Language),
            Categories = StreamRules.CleanCategories(r.Categories),
        };
        await streams.TryCreateAsync(stream, ct);
        return stream.ToDto(0);
    }
}
