using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using LiveCommerce.Contracts;

namespace LiveCommerce.Server.Realtime;

/// <summary>
/// Every <see cref="LiveEvent"/> type, found once by reflection, so a feature adds an event by
/// declaring its record and its <see cref="ILiveClient"/> method, with no list to keep in step.
/// </summary>
public static class LiveEventTypes
{
    public static readonly IReadOnlyList<Type> All = typeof(LiveEvent).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(LiveEvent)) && !t.IsAbstract)
        .OrderBy(t => t.Name, StringComparer.Ordinal)
        .ToArray();

    private static readonly Dictionary<Type, Func<ILiveClient, LiveEvent, Task>> Senders = All.ToDictionary(t => t, CompileSender);

    /// <summary>Calls the client method named after the event's type.</summary>
    public static Task Send(ILiveClient client, LiveEvent e) => Senders[e.GetType()](client, e);

    /// <summary>Makes <see cref="LiveEvent"/> (de)serialize polymorphically, with the type name as discriminator.</summary>
    public static void AddPolymorphism(JsonTypeInfo info)
    {
        if (info.Type != typeof(LiveEvent))
        {
            return;
        }

        info.PolymorphismOptions = new JsonPolymorphismOptions { TypeDiscriminatorPropertyName = "$type" };
        foreach (var type in All)
        {
            info.PolymorphismOptions.DerivedTypes.Add(new JsonDerivedType(type, type.Name));
        }
    }

    private static Func<ILiveClient, LiveEvent, Task> CompileSender(Type eventType)
    {
        var method = typeof(ILiveClient).GetMethod(eventType.Name, BindingFlags.Public | BindingFlags.Instance, [eventType])
            ?? throw new InvalidOperationException($"ILiveClient has no method {eventType.Name}({eventType.Name}).");
        var client = Expression.Parameter(typeof(ILiveClient));
        var e = Expression.Parameter(typeof(LiveEvent));
        return Expression.Lambda<Func<ILiveClient, LiveEvent, Task>>(Expression.Call(client, method, Expression.Convert(e, eventType)), client, e).Compile();
    }
}
