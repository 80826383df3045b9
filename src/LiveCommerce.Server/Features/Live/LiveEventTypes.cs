using System.Text.Json.Serialization.Metadata;
using LiveCommerce.Contracts;

namespace LiveCommerce.Server.Features.Live;

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
}
