using System.Linq.Expressions;
using System.Reflection;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.Live;

namespace LiveCommerce.Server.Realtime;

/// <summary>Sends a <see cref="LiveEvent"/> through the <see cref="ILiveClient"/> method named after its type, compiled once per type.</summary>
public static class LiveEventDispatch
{
    private static readonly Dictionary<Type, Func<ILiveClient, LiveEvent, Task>> Senders = LiveEventTypes.All.ToDictionary(t => t, CompileSender);

    public static Task Send(ILiveClient client, LiveEvent e) => Senders[e.GetType()](client, e);

    private static Func<ILiveClient, LiveEvent, Task> CompileSender(Type eventType)
    {
        var method = typeof(ILiveClient).GetMethod(eventType.Name, BindingFlags.Public | BindingFlags.Instance, [eventType])
            ?? throw new InvalidOperationException($"ILiveClient has no method {eventType.Name}({eventType.Name}).");
        var client = Expression.Parameter(typeof(ILiveClient));
        var e = Expression.Parameter(typeof(LiveEvent));
        return Expression.Lambda<Func<ILiveClient, LiveEvent, Task>>(Expression.Call(client, method, Expression.Convert(e, eventType)), client, e).Compile();
    }
}
