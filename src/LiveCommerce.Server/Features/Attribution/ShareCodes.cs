using System.Security.Cryptography;
using LiveCommerce.Server.Common;

namespace LiveCommerce.Server.Features.Attribution;

public static class ShareCodes
{
    public static bool IsCode(string? code) => code is { Length: 8 } && code.All(char.IsAsciiLetterOrDigit);

    /// <summary>A visitor cookie's value: 32 hex digits, as <c>/s/{code}</c> issues them.</summary>
    public static bool IsVisitorId(string? id) => id is { Length: 32 } && TextRules.IsId(id);

    /// <summary>The viewer key of a signed-out browser's touches.</summary>
    public static string VisitorKey(string visitorId) => "v:" + visitorId;
}
