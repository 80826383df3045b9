using System.Globalization;
using System.Text;
using LiveCommerce.Contracts;

namespace LiveCommerce.Server.Features.Comments;

/// <summary>The outcome of normalizing a comment: the text to store, or the code it is refused with.</summary>
public readonly record struct NormalizedComment(string Text, string? ErrorCode)
{
    public bool IsValid => ErrorCode is null;
}

/// <summary>
/// Turns what a viewer typed into the plain text we store and show. Pure and allocation-light
/// (it runs for every comment). Steps: NFC; line breaks and tabs become spaces; control,
/// bidi-override, zero-width and other invisible format characters, private-use, unassigned
/// code points and lone surrogates are dropped (a zero-width joiner survives only inside an emoji
/// sequence); whitespace runs collapse to one space; then trim. Length is counted in
/// user-perceived characters (grapheme clusters). Markup is not interpreted: "&lt;script&gt;" stays
/// literal text, because clients render comments as text.
/// </summary>
public static class CommentNormalizer
{
    public const int MaxLength = 200;

    /// <summary>Raw input beyond this is refused before any work (the hub accepts up to 32 KB).</summary>
    public const int MaxRawLength = MaxLength * 8;

    /// <summary>Bounds combining-mark pile-ups ("Zalgo") that fit in few grapheme clusters.</summary>
    public const int MaxUtf16Length = MaxLength * 4;

    public static NormalizedComment Normalize(string? raw, int maxLength = MaxLength)
    {
        if (string.IsNullOrEmpty(raw))
        {
            return new("", ErrorCodes.CommentEmpty);
        }

        if (raw.Length > MaxRawLength)
        {
            return new("", ErrorCodes.CommentTooLong);
        }

        var text = ToNfc(raw);
        var sb = new StringBuilder(text.Length);
        var pendingSpace = false;
        var previous = default(Rune);
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            var status = Rune.DecodeFromUtf16(rest, out var rune, out var consumed);
            var current = rest[..consumed];
            rest = rest[consumed..];
            if (status != System.Buffers.OperationStatus.Done)
            {
                continue; // lone surrogate
            }

            if (Rune.IsWhiteSpace(rune))
            {
                pendingSpace = sb.Length > 0;
                continue;
            }

            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.Surrogate)
            {
                continue;
            }

            if (category is UnicodeCategory.Format)
            {
                // Keep a zero-width joiner only between emoji (family and profession sequences).
                if (rune.Value == 0x200D && IsEmoji(previous) && Rune.DecodeFromUtf16(rest, out var next, out _) == System.Buffers.OperationStatus.Done && IsEmoji(next))
                {
                    sb.Append(current);
                }

                continue;
            }

            if (pendingSpace)
            {
                sb.Append(' ');
                pendingSpace = false;
            }

            sb.Append(current);
            previous = rune;
        }

        if (sb.Length == 0)
        {
            return new("", ErrorCodes.CommentEmpty);
        }

        var result = sb.ToString();
        if (result.Length > MaxUtf16Length || (result.Length > maxLength && new StringInfo(result).LengthInTextElements > maxLength))
        {
            return new("", ErrorCodes.CommentTooLong);
        }

        return new(result, null);
    }

    private static string ToNfc(string raw)
    {
        try
        {
            return raw.IsNormalized(NormalizationForm.FormC) ? raw : raw.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            return raw; // invalid UTF-16 (lone surrogates): the loop drops them
        }
    }

    private static bool IsEmoji(Rune r) =>
        r.Value >= 0x1F000 || Rune.GetUnicodeCategory(r) is UnicodeCategory.OtherSymbol or UnicodeCategory.ModifierSymbol;
}
