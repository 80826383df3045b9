using System.Buffers;
using System.Globalization;
using System.Text;
using LiveCommerce.Contracts;

namespace LiveCommerce.Server.Common;

/// <summary>A request that can check its own shape before any handler runs.</summary>
public interface IValidated
{
    void Validate(Validator v);
}

/// <summary>Collects every problem of a request, then refuses it once with all of them.</summary>
public sealed class Validator
{
    private readonly List<string> _errors = [];
    private readonly Dictionary<string, string> _fields = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Errors => _errors;

    /// <summary>
    /// The first problem of each named field (its JSON name), so a form can show it next to that field; problems
    /// of the request as a whole have no field.
    /// </summary>
    public IReadOnlyDictionary<string, string> FieldErrors => _fields;

    public Validator Require(bool condition, string error, string? field = null) => condition ? this : Refuse(error, field);

    public Validator Refuse(string error, string? field = null)
    {
        _errors.Add(error);
        if (field is not null)
        {
            _fields.TryAdd(field, error);
        }

        return this;
    }

    /// <summary>Text that is present, of bounded length, and free of control and bidi-override characters.</summary>
    public Validator Text(string field, string? value, int max, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Require(!required, $"{field} is required.", field);
        }

        // The messages are built only for a refusal: these run on every hub call that carries text or ids.
        if (value.Length > max)
        {
            Refuse($"{field} must be at most {max} characters.", field);
        }

        if (TextRules.HasForbiddenCharacters(value))
        {
            Refuse($"{field} contains control or invisible formatting characters.", field);
        }

        return this;
    }

    public Validator Id(string field, string? value) =>
        TextRules.IsId(value) ? this : Refuse($"{field} is not a valid id.", field);

    public Validator Url(string field, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return this;
        }

        // Absolute http(s), or a path on this site: its media ("/media/..." as uploads return it) or
        // the video the server itself filled in ("/hls/{id}.m3u8", "/video/demo/live.m3u8"), sent back on edit.
        var isLocal = value.StartsWith('/')
            && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '-' or '_' or '.')
            && !value.Contains("..", StringComparison.Ordinal) && !value.Contains("//", StringComparison.Ordinal);
        return Require(
            value.Length <= 2048
            && (isLocal || (Uri.TryCreate(value, UriKind.Absolute, out var uri)
                && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))),
            $"{field} must be an absolute http(s) URL or a path on this site, of at most 2048 characters.",
            field);
    }

    public void ThrowIfInvalid()
    {
        if (_errors.Count > 0)
        {
            throw new AppException(ErrorCodes.ValidationFailed, string.Join(" ", _errors)) { Fields = _fields };
        }
    }
}

public static class TextRules
{
    /// <summary>Ids are short, URL-safe tokens: letters, digits, '-' and '_'.</summary>
    public static bool IsId(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= 64 && !value.AsSpan().ContainsAnyExcept(IdCharacters);

    private static readonly SearchValues<char> IdCharacters =
        SearchValues.Create("-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz");

    /// <summary>
    /// Control characters (except newline in multi-line fields) and the Unicode format characters
    /// that reorder or hide text (bidi overrides, zero-width joiners) are refused in names and titles.
    /// </summary>
    public static bool HasForbiddenCharacters(string value)
    {
        var rest = value.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return true; // a lone surrogate: not text
            }

            var category = Rune.GetUnicodeCategory(rune);
            if ((category is UnicodeCategory.Control && rune.Value != '\n')
                || category is UnicodeCategory.Format or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned)
            {
                return true;
            }

            rest = rest[consumed..];
        }

        return false;
    }

    /// <summary>NFC form with surrounding whitespace removed, so equal-looking text is stored equally.</summary>
    public static string Clean(string value) => value.Normalize(NormalizationForm.FormC).Trim();
}
