using LiveCommerce.Contracts;
using LiveCommerce.Client.Realtime;

namespace LiveCommerce.Client.Features.Streams;

/// <summary>A reminded stream went live.</summary>
public sealed record LiveNotice(string StreamId, string Title);

/// <summary>
/// "Remind me": watches upcoming streams over the live connection (so it costs no polling) and
/// raises a notice in the page when one goes live. Lasts for the session; the notice links to it.
/// </summary>
public sealed class Reminders
{
    private readonly LiveHubConnection _live;
    private readonly Dictionary<string, string> _titles = new(StringComparer.Ordinal);

    public Reminders(LiveHubConnection live)
    {
        _live = live;
        _live.StreamChanged += OnStreamChanged;
    }

    public event Action? Changed;

    public IReadOnlyList<LiveNotice> Notices => _notices;

    private readonly List<LiveNotice> _notices = [];

    public bool IsSet(string streamId) => _titles.ContainsKey(streamId);

    public async Task ToggleAsync(StreamDto stream)
    {
        if (_titles.Remove(stream.Id))
        {
            await _live.LeaveAsync(stream.Id);
        }
        else
        {
            _titles[stream.Id] = stream.Title;
            await _live.JoinAsync(stream.Id);
        }

        Changed?.Invoke();
    }

    public void Dismiss(LiveNotice notice)
    {
        _notices.Remove(notice);
        Changed?.Invoke();
    }

    /// <summary>Live through a StreamStarted event, or already live in the join's snapshot (it started meanwhile).</summary>
    private void OnStreamChanged(LiveStreamState state)
    {
        if (state.Status == StreamStatus.Live && _titles.Remove(state.StreamId, out var title))
        {
            _notices.Add(new LiveNotice(state.StreamId, title));
            _ = _live.LeaveAsync(state.StreamId);
            Changed?.Invoke();
        }
    }
}
