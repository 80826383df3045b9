using System.Globalization;
using System.Text;

namespace LiveCommerce.Server.Features.Comments;

/// <summary>
/// Finds blocked words despite the usual evasions. Both the words and the comment are folded the
/// same way: compatibility decomposition (fullwidth and styled letters become plain), diacritics
/// dropped, case folded, look-alike digits and symbols inside a word read as letters
/// (0→o 1→i or l 3→e 4→a 5→s 7→t @→a $→s !→i), punctuation between letters removed ("s.p.a.m"),
/// runs of single letters joined ("s p a m"), and repeated letters squeezed ("spaaam"). A word
/// matches a whole word of the comment, or the start of a longer one when the blocked word has 4+
/// letters ("spammer"); a phrase or a word split by spaces ("sp am") matches across words
/// aligned on word boundaries. Never inside a word, so "skill" does not trip "kill". Pure.
/// </summary>
public sealed class BlockedWordMatcher
{
    private readonly (string Original, string Folded)[] _words;

    public BlockedWordMatcher(IEnumerable<string> words) =>
        _words = words
            .Select(w => (Original: w, Folded: string.Concat(Tokens(w))))
            .Where(w => w.Folded.Length > 0)
            .DistinctBy(w => w.Folded)
            .ToArray();

    public static BlockedWordMatcher Empty { get; } = new([]);

    public bool IsEmpty => _words.Length == 0;

    /// <summary>The first blocked word found (as the moderator wrote it), or null.</summary>
    public string? FindIn(string text)
    {
        if (_words.Length == 0)
        {
            return null;
        }

        var hit = FindIn(Tokens(text, 'i'));
        if (hit is null && text.AsSpan().IndexOfAny('1', '|') >= 0)
        {
            hit = FindIn(Tokens(text, 'l'));
        }

        return hit;
    }

    private string? FindIn(IReadOnlyList<string> tokens)
    {
        foreach (var (original, folded) in _words)
        {
            foreach (var token in tokens)
            {
                if (token == folded || (folded.Length >= 4 && token.StartsWith(folded, StringComparison.Ordinal)))
                {
                    return original;
                }
            }

            if (SpansTokens(tokens, folded))
            {
                return original;
            }
        }

        return null;
    }

    /// <summary>The folded words of a text, as matching sees them. <paramref name="one"/>: what '1' and '|' read as.</summary>
    public static IReadOnlyList<string> Tokens(string text, char one = 'i')
    {
        var tokens = new List<string>();
        var lastWasSingle = false;
        foreach (var raw in Fold(text, one).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var token = Squeeze(raw);

            // "s p a m": a run of single letters is one word spelled out.
            if (raw.Length == 1 && lastWasSingle)
            {
                tokens[^1] = Squeeze(tokens[^1] + token);
                continue;
            }

            lastWasSingle = raw.Length == 1;
            tokens.Add(token);
        }

        return tokens;
    }

    /// <summary>Lower-case letters and digits with spaces between words; everything else removed.</summary>
    public static string Fold(string text, char one = 'i')
    {
        var decomposed = SafeNormalize(text, NormalizationForm.FormKD);
        var sb = new StringBuilder(decomposed.Length);
        for (var i = 0; i < decomposed.Length; i++)
        {
            var c = decomposed[i];
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format)
            {
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                sb.Append(' ');
                continue;
            }

            if (char.IsLetter(c))
            {
                sb.Append(char.ToLowerInvariant(c));
                continue;
            }

            var inWord = HasLetterNear(decomposed, i);
            var leet = inWord ? Leet(c, one) : '\0';
            if (leet != '\0')
            {
                sb.Append(leet);
            }
            else if (char.IsDigit(c))
            {
                sb.Append(c);
            }

            // Other punctuation between letters is dropped, joining "s.p.a.m" into "spam".
        }

        return sb.ToString();
    }

    private static char Leet(char c, char one) => c switch
    {
        '0' => 'o',
        '1' or '|' => one,
        '!' => 'i',
        '3' => 'e',
        '4' or '@' => 'a',
        '5' or '$' => 's',
        '7' => 't',
        _ => '\0',
    };

    /// <summary>A look-alike counts as a letter only inside a word that has real letters ("h3ll0", not "2024" or "wow!").</summary>
    private static bool HasLetterNear(string s, int i)
    {
        var start = i;
        while (start > 0 && !char.IsWhiteSpace(s[start - 1]))
        {
            start--;
        }

        var end = i;
        while (end < s.Length - 1 && !char.IsWhiteSpace(s[end + 1]))
        {
            end++;
        }

        if (s[i] is '!' or '|' && (i == start || i == end))
        {
            return false; // "wow!" is an exclamation, "sh!t" is a letter
        }

        for (var j = start; j <= end; j++)
        {
            if (char.IsLetter(s[j]))
            {
                return true;
            }
        }

        return false;
    }

    private static string Squeeze(string s)
    {
        if (s.Length < 2)
        {
            return s;
        }

        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (sb.Length == 0 || sb[^1] != c)
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private static bool SpansTokens(IReadOnlyList<string> tokens, string folded)
    {
        // Match only when the hit starts at a word start and ends at a word end: "sp am" yes, "class mate" for "ssma" no.
        var starts = new HashSet<int>();
        var ends = new HashSet<int>();
        var at = 0;
        foreach (var t in tokens)
        {
            starts.Add(at);
            at += t.Length;
            ends.Add(at);
        }

        if (tokens.Count < 2)
        {
            return false;
        }

        var joined = string.Concat(tokens);
        for (var i = joined.IndexOf(folded, StringComparison.Ordinal); i >= 0; i = joined.IndexOf(folded, i + 1, StringComparison.Ordinal))
        {
            if (starts.Contains(i) && ends.Contains(i + folded.Length))
            {
                return true;
            }
        }

        return false;
    }

    private static string SafeNormalize(string s, NormalizationForm form)
    {
        try
        {
            return s.Normalize(form);
        }
        catch (ArgumentException)
        {
            return s;
        }
    }
}
