using LiveCommerce.Client.Shared;

namespace LiveCommerce.Client.Features.Studio;

/// <summary>
/// What the studio's panels share about the host's actions: one error line (in the page's header)
/// and one busy flag (the stream and launch buttons wait while any action runs). Each panel makes its
/// own calls, through <see cref="RunAsync"/>; the page re-renders, and so every panel, on <see cref="Changed"/>.
/// </summary>
public sealed class StudioActions
{
    public bool Busy { get; private set; }

    /// <summary>Why the last action (or a panel's load) failed; cleared when the next action starts.</summary>
    public string? Error { get; private set; }

    /// <summary>How many actions have started, so that a panel's "done" note stands only until the next one.</summary>
    public int Started { get; private set; }

    public event Action? Changed;

    /// <summary>Runs one host action; a refusal or a lost connection shows as <see cref="Error"/>.</summary>
    public async Task RunAsync(Func<Task> action)
    {
        (Busy, Error) = (true, null);
        Started++;
        Changed?.Invoke();
        try
        {
            await action();
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            Error = ApiException.Describe(e);
        }
        finally
        {
            Busy = false;
            Changed?.Invoke();
        }
    }

    /// <summary>A panel could not load what it shows: said in the same place as a failed action.</summary>
    public void LoadFailed(Exception e)
    {
        Error = ApiException.Describe(e);
        Changed?.Invoke();
    }
}
