using MessagePack;
using MessagePack.Formatters;

namespace LiveCommerce.Contracts;

/// <summary>What a comment slot shows: a viewer's text, the host's announcement, a purchase moment, or a system note.</summary>
public enum CommentKind
{
    Text,
    Announcement,
    Purchase,
    System,
}

/// <summary>
/// One comment. <see cref="Text"/> is plain text after normalization: clients render it as text,
/// never as HTML (a "&lt;script&gt;" in it is literally those characters).
/// It carries no stream id: it always travels inside something that names its stream (a batch, an
/// event, a stream's list), and every viewer receives every comment, so each byte counts.
/// In MessagePack it is a positional array (the keys below): a busy stream sends every viewer tens
/// of comments a frame, and the default map form would repeat all seven property names in each. For
/// the same reason its kind is the enum's number, not its name, and its time one integer (UTC
/// ticks), not the default [timestamp, offset] pair (docs/BENCHMARKS.md, "Comment wire form").
/// </summary>
[MessagePackObject]
public sealed record CommentDto(
    [property: Key(0)] string Id,
    [property: Key(1)] string UserId,
    [property: Key(2)] string DisplayName,
    [property: Key(3)] string Text,
    [property: Key(4), MessagePackFormatter(typeof(GenericEnumFormatter<CommentKind>))] CommentKind Kind,
    [property: Key(5), MessagePackFormatter(typeof(UtcTicksFormatter))] DateTimeOffset At,
    [property: Key(6)] bool IsQuestion = false);

/// <summary>The comments accepted in one batching window (~150 ms), oldest first. One seq per batch.</summary>
public sealed record CommentsAdded : LiveEvent
{
    public required IReadOnlyList<CommentDto> Comments { get; init; }
}

/// <summary>A comment was deleted by the host or a moderator; every view removes it.</summary>
public sealed record CommentRemoved : LiveEvent
{
    public required string CommentId { get; init; }
}

/// <summary>The host's announcement was pinned (or replaced); <see cref="Comment"/> null means unpinned.</summary>
public sealed record AnnouncementPinned : LiveEvent
{
    public CommentDto? Comment { get; init; }
}

/// <summary>A comment was marked as a question; hosts add it to their questions list.</summary>
public sealed record QuestionMarked : LiveEvent
{
    public required CommentDto Comment { get; init; }
}

/// <summary>Slow mode changed: each viewer may comment once per <see cref="Seconds"/> (0 = off).</summary>
public sealed record SlowModeChanged : LiveEvent
{
    public int Seconds { get; init; }
}

/// <summary>The reaction kinds a viewer can tap.</summary>
public static class ReactionKinds
{
    public const string Heart = "heart";
    public const string Fire = "fire";
    public const string Laugh = "laugh";
    public const string Wow = "wow";
    public const string Clap = "clap";

    public static readonly IReadOnlyList<string> All = [Heart, Fire, Laugh, Wow, Clap];
}

/// <summary>Taps counted in one window across all nodes. Not sequenced; at most one per window per stream.</summary>
public sealed record ReactionsTallied(string StreamId, int Heart, int Fire, int Laugh, int Wow, int Clap);

/// <summary>Words refused in a stream's comments, and the brands whose lists also apply.</summary>
public sealed record StreamBlockedWords(IReadOnlyList<string> Words, IReadOnlyList<string> Brands);

public sealed record BlockedWordsRequest(IReadOnlyList<string>? Words, IReadOnlyList<string>? Brands = null);

public sealed record AnnouncementRequest(string? Text);

public partial interface ILiveHub
{
    /// <summary>Accepted comments come back with their id and are published in the next <see cref="CommentsAdded"/> batch.</summary>
    Task<CommentDto> SendComment(string streamId, string? text);

    Task React(string streamId, string? kind);

    Task DeleteComment(string streamId, string commentId);

    /// <summary>Answers the seconds now in force (0 = off).</summary>
    Task<int> SetSlowMode(string streamId, int seconds);

    Task TimeoutViewer(string streamId, string userId, int seconds);

    Task BanViewer(string streamId, string userId);

    Task UnbanViewer(string streamId, string userId);

    Task<CommentDto> PinAnnouncement(string streamId, string? text);

    Task UnpinAnnouncement(string streamId);

    Task<CommentDto> MarkQuestion(string streamId, string commentId);

    Task<IReadOnlyList<CommentDto>> GetQuestions(string streamId);
}

public partial interface ILiveClient
{
    Task CommentsAdded(CommentsAdded e);

    Task CommentRemoved(CommentRemoved e);

    Task AnnouncementPinned(AnnouncementPinned e);

    Task QuestionMarked(QuestionMarked e);

    Task SlowModeChanged(SlowModeChanged e);

    /// <summary>Coalesced per window (~150 ms) across nodes. Not sequenced.</summary>
    Task ReactionsTallied(ReactionsTallied e);
}

public sealed partial record StreamSnapshot
{
    /// <summary>The last comments (up to 50), oldest first, as of <see cref="Seq"/>.</summary>
    public IReadOnlyList<CommentDto> Comments { get; init; } = [];

    public CommentDto? Announcement { get; init; }

    public int SlowModeSeconds { get; init; }
}

/// <summary>A time as one MessagePack integer: .NET UTC ticks (100 ns since 0001-01-01), read back as UTC.</summary>
public sealed class UtcTicksFormatter : IMessagePackFormatter<DateTimeOffset>
{
    public void Serialize(ref MessagePackWriter writer, DateTimeOffset value, MessagePackSerializerOptions options) => writer.Write(value.UtcTicks);

    public DateTimeOffset Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options) => new(reader.ReadInt64(), TimeSpan.Zero);
}
