using System.Reflection;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Realtime;

namespace LiveCommerce.UnitTests.Realtime;

/// <summary>
/// The hub's contract holds in both directions: everything a client can call on <see cref="LiveHub"/>
/// is declared by <see cref="ILiveHub"/>, and <see cref="LiveHubProxy"/> sends each of its methods
/// under its own name with its arguments in order.
/// </summary>
public sealed class HubContractTests
{
    private static string Shape(MethodInfo m) =>
        $"{m.ReturnType} {m.Name}({string.Join(", ", m.GetParameters().Select(p => $"{p.ParameterType} {p.Name}"))})";

    [Fact]
    public void Every_method_a_client_can_call_on_the_hub_is_declared_by_ILiveHub()
    {
        var callable = typeof(LiveHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && m.Name is not (nameof(LiveHub.OnConnectedAsync) or nameof(LiveHub.OnDisconnectedAsync) or nameof(LiveHub.Dispose)))
            .Select(Shape).Order(StringComparer.Ordinal);
        var declared = typeof(ILiveHub).GetMethods().Select(Shape).Order(StringComparer.Ordinal);

        Assert.Equal(declared, callable);
    }

    [Fact]
    public async Task The_proxy_sends_each_method_under_its_own_name_with_its_arguments_in_order()
    {
        var sent = new List<(string Method, Type Returns, object?[] Args)>();
        var proxy = new LiveHubProxy((method, returns, args, _) =>
        {
            sent.Add((method, returns, args));
            return Task.FromResult(returns.IsValueType ? Activator.CreateInstance(returns) : null);
        });

        var methods = typeof(ILiveHub).GetMethods();
        Assert.NotEmpty(methods);
        foreach (var method in methods)
        {
            var args = method.GetParameters().Select((p, i) => Sample(p.ParameterType, i)).ToArray();
            await (Task)method.Invoke(proxy, args)!;

            var (name, returns, wire) = sent[^1];
            Assert.Equal(method.Name, name);
            Assert.Equal(args, wire);
            Assert.Equal(method.ReturnType.IsGenericType ? method.ReturnType.GetGenericArguments()[0] : typeof(object), returns);
        }

        Assert.Equal(methods.Length, sent.Count);
    }

    private static object Sample(Type type, int position) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(string) => $"arg{position}",
        var t when t == typeof(int) => position + 1,
        var t when t == typeof(long) => (long)position + 1,
        var t when t == typeof(PaymentCard) => TestCards.Card(),
        var t => throw new InvalidOperationException($"A hub parameter of type {t} is new: give it a sample here."),
    };
}
