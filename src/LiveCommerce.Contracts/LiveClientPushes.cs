using Microsoft.AspNetCore.SignalR.Client;

namespace LiveCommerce.Contracts;

/// <summary>
/// The server's pushes as <see cref="ILiveClient"/> declares them, read once by reflection: a
/// push's wire name is its method's name, its payload the method's one parameter. Events that
/// features add to the partial interface arrive without anyone listing them again.
/// </summary>
public static class LiveClientPushes
{
    /// <summary>Every push: method name and payload type.</summary>
    public static IReadOnlyList<(string Method, Type Payload)> All { get; } =
        typeof(ILiveClient).GetMethods().Select(m => (m.Name, m.GetParameters().Single().ParameterType)).ToArray();

    /// <summary>
    /// Calls <paramref name="handler"/> with the method name (compare it with
    /// <c>nameof(ILiveClient.X)</c>) and the payload of every push the connection receives.
    /// </summary>
    public static void OnEveryPush(this HubConnection connection, Action<string, object> handler)
    {
        foreach (var (method, payload) in All)
        {
            connection.On(method, [payload], args =>
            {
                handler(method, args[0]!);
                return Task.CompletedTask;
            });
        }
    }
}
