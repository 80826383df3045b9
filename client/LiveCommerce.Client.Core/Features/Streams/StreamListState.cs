using LiveCommerce.Contracts;

namespace LiveCommerce.Client.Features.Streams;

/// <summary>A list being loaded, loaded, or failed (with a message for people).</summary>
public sealed record StreamListState(bool Loading, IReadOnlyList<StreamDto>? Streams, string? Error)
{
    public static StreamListState Pending { get; } = new(true, null, null);

    public static StreamListState Loaded(IReadOnlyList<StreamDto> streams) => new(false, streams, null);

    public static StreamListState Failed(string error) => new(false, null, error);
}
