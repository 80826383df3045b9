namespace LiveCommerce.Client.Features.Studio;

/// <summary>The languages a host can say a stream is in, each named in itself (as language pickers do).</summary>
public static class StudioLanguages
{
    public static readonly IReadOnlyList<(string Tag, string Name)> All =
    [
        ("en", "English"),
        ("es", "Español"),
        ("zh-Hans", "中文（简体）"),
        ("pt-BR", "Português (Brasil)"),
        ("fr", "Français"),
        ("de", "Deutsch"),
        ("it", "Italiano"),
        ("ja", "日本語"),
        ("ko", "한국어"),
    ];
}

/// <summary>
/// Is this file an image the server takes (JPEG, PNG, GIF, WebP)? Read from its first bytes, as the
/// server does, so a wrong file is refused before the stream is saved rather than after.
/// </summary>
public static class CoverCheck
{
    public static bool LooksLikeImage(ReadOnlySpan<byte> b) =>
        b.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])
        || b.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        || b.StartsWith("GIF87a"u8) || b.StartsWith("GIF89a"u8)
        || (b.Length >= 12 && b[..4].SequenceEqual("RIFF"u8) && b[8..12].SequenceEqual("WEBP"u8));
}
