using System.Reflection;
using LiveCommerce.Server;

namespace LiveCommerce.UnitTests.Architecture;

/// <summary>Feature handlers depend on their ports, never on Redis, Azure or SignalR types.</summary>
public sealed class DependencyRulesTests
{
    private static readonly string[] ForbiddenAssemblyPrefixes = ["StackExchange.Redis", "Azure.", "Microsoft.AspNetCore.SignalR"];

    [Fact]
    public void Feature_types_do_not_touch_infrastructure_or_transport_types()
    {
        var features = typeof(LiveCommerceHosting).Assembly.GetTypes()
            .Where(t => t.Namespace?.StartsWith("LiveCommerce.Server.Features", StringComparison.Ordinal) == true)
            .ToList();
        Assert.NotEmpty(features);

        var violations = features
            .SelectMany(t => DependenciesOf(t).Select(d => (Type: t, Dependency: d)))
            .Where(x => ForbiddenAssemblyPrefixes.Any(p => x.Dependency.Assembly.GetName().Name!.StartsWith(p, StringComparison.Ordinal)))
            .Select(x => $"{x.Type.FullName} uses {x.Dependency.FullName}")
            .Distinct()
            .ToList();
        Assert.Empty(violations);
    }

    private static IEnumerable<Type> DependenciesOf(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var types = type.GetConstructors(all).SelectMany(c => c.GetParameters()).Select(p => p.ParameterType)
            .Concat(type.GetFields(all).Select(f => f.FieldType))
            .Concat(type.GetProperties(all).Select(p => p.PropertyType))
            .Concat(type.GetMethods(all).SelectMany(m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType)));
        return types.SelectMany(Unwrap);
    }

    private static IEnumerable<Type> Unwrap(Type t) =>
        t.IsGenericType ? t.GetGenericArguments().SelectMany(Unwrap).Prepend(t) : t.HasElementType ? Unwrap(t.GetElementType()!) : [t];
}
