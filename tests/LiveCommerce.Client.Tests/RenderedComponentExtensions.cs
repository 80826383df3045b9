using Bunit;
using Microsoft.AspNetCore.Components;

namespace LiveCommerce.Client.Tests;

internal static class RenderedComponentExtensions
{
    /// <summary>
    /// Finds and clicks in one renderer turn: a component with a one-second ticker (a countdown)
    /// can re-render between a separate Find and Click and retire the handler that was found.
    /// </summary>
    public static void ClickNow<T>(this IRenderedComponent<T> cut, string selector) where T : IComponent =>
        cut.InvokeAsync(() => cut.Find(selector).Click()).GetAwaiter().GetResult();

    /// <inheritdoc cref="ClickNow{T}"/>
    public static void ChangeNow<T>(this IRenderedComponent<T> cut, string selector, string value) where T : IComponent =>
        cut.InvokeAsync(() => cut.Find(selector).Change(value)).GetAwaiter().GetResult();

    /// <inheritdoc cref="ClickNow{T}"/>
    public static void InputNow<T>(this IRenderedComponent<T> cut, string selector, string value) where T : IComponent =>
        cut.InvokeAsync(() => cut.Find(selector).Input(value)).GetAwaiter().GetResult();
}
