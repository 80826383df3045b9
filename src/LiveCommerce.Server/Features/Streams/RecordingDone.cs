using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using Mediator;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Features.Streams;

/// <summary>
/// The engine's <c>on_record_done</c>: a recording file is complete. Only files inside
/// <see cref="VideoEngineOptions.RecordingsPath"/> are accepted, so a callback cannot point the
/// server at any other file. The replay feature turns it into the stream's video.
/// </summary>
public sealed record RecordingDone(string StreamId, string Path) : ICommand;

/// <summary>Published for each finished recording, on the node the engine called.</summary>
public sealed record RecordingFinished(string StreamId, string Path) : INotification;

public sealed class RecordingDoneHandler(IStreamStore streams, IPublisher publisher, IOptions<VideoOptions> options)
    : ICommandHandler<RecordingDone>
{
    public async ValueTask<Unit> Handle(RecordingDone command, CancellationToken ct)
    {
        var stream = await streams.GetRequiredAsync(command.StreamId, ct);
        var root = options.Value.Engine.RecordingsPath;
        if (string.IsNullOrWhiteSpace(root) || !IsInside(root, command.Path) || !File.Exists(command.Path))
        {
            throw new AppException(ErrorCodes.ValidationFailed, "The recording is not in the recordings folder.");
        }

        await publisher.Publish(new RecordingFinished(stream.Id, Path.GetFullPath(command.Path)), ct);
        return Unit.Value;
    }

    private static bool IsInside(string root, string path)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)) + Path.DirectorySeparatorChar;
        return full.StartsWith(folder, StringComparison.Ordinal) && new FileInfo(full).LinkTarget is null;
    }
}
