namespace LiveCommerce.Client.Realtime;

/// <summary>
/// Calling hub methods, as components see it (<see cref="LiveHubConnection"/> implements it), so
/// components that send things can be tested without a connection.
/// </summary>
public interface IHubInvoker
{
    /// <summary>Refusals arrive as <see cref="Shared.ApiException"/> with the server's code.</summary>
    Task<T> InvokeAsync<T>(string method, object?[] args, CancellationToken ct = default);

    /// <summary>Each unsequenced push (method name, payload), e.g. a waitlist hold granted to this user.</summary>
    event Action<string, object>? Received;
}
