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
    private readonly (string Original, string Folded, int Length)[] _words;

    public BlockedWordMatcher(IEnumerable<string> words) =>
        _words = words
            .Select(w => (Original: w, Folded: string.Concat(Tokens(w)), Length: Fold(w).Count(c => c != ' ')))
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

        var hit = FindIn(Words(text, 'i'));
        if (hit is null && text.AsSpan().IndexOfAny('1', '|') >= 0)
        {
            hit = FindIn(Words(text, 'l'));
        }

        return hit;
    }

    private string? FindIn(List<(string Squeezed, int Length, bool Spelled)> words)
    {
        // A hit over two or more whole words ("sp am", "buy followers"); one word is checked below.
        var spans = words.Count >= 2 ? new WordSpans(words) : null;
        foreach (var (original, folded, length) in _words)
        {
            foreach (var (token, tokenLength, spelled) in words)
            {
                // Squeezed forms compare, but a word cannot be shorter than the blocked one: "as" is not "ass".
                // Letters spelled out one by one have no inner word boundaries, so any alignment counts.
                if (tokenLength >= length
                    && (token == folded
                        || (length >= 4 && token.StartsWith(folded, StringComparison.Ordinal))
                        || (spelled && token.Contains(folded, StringComparison.Ordinal))))
                {
                    return original;
                }
            }

            if (spans?.Covers(folded) == true)
            {
                return original;
            }
        }

        return null;
    }

    /// <summary>The folded words of a text, as matching sees them. <paramref name="one"/>: what '1' and '|' read as.</summary>
    public static IReadOnlyList<string> Tokens(string text, char one = 'i') =>
        Words(text, one).Select(w => w.Squeezed).ToList();

    /// <summary>Each folded word squeezed, with its length before squeezing.</summary>
    private static List<(string Squeezed, int Length, bool Spelled)> Words(string text, char one)
    {
        var words = new List<(string Squeezed, int Length, bool Spelled)>();
        var lastWasSingle = false;
        foreach (var raw in Fold(text, one).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            // "s p a m": a run of single letters is one word spelled out.
            if (raw.Length == 1 && lastWasSingle)
            {
                words[^1] = (Squeeze(words[^1].Squeezed + raw), words[^1].Length + 1, true);
                continue;
            }

            lastWasSingle = raw.Length == 1;
            words.Add((Squeeze(raw), raw.Length, false));
        }

        return words;
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

    /// <summary>A look-alike counts as a letter only inside a word that has real letters ("h3ll0" or "@$$", not "2024" or "wow!").</summary>
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
            if (IsLetterLike(s[j]))
            {
                return true;
            }
        }

        // A lone character spelled out among other lone letters: the "5" in "5 c @ m".
        return start == end && (IsLoneLetterAt(s, i - 2) || IsLoneLetterAt(s, i + 2));
    }

    private static bool IsLetterLike(char c) => char.IsLetter(c) || c is '@' or '$';

    private static bool IsLoneLetterAt(string s, int j) =>
        j >= 0 && j < s.Length && IsLetterLike(s[j])
        && (j == 0 || char.IsWhiteSpace(s[j - 1])) && (j == s.Length - 1 || char.IsWhiteSpace(s[j + 1]));

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

    /// <summary>
    /// A comment's words joined, with where each starts and ends. Built once per comment, not once per
    /// blocked word, so a long word list does not multiply the garbage every comment makes
    /// (docs/BENCHMARKS.md, "Blocked-word matching").
    /// </summary>
    private sealed class WordSpans
    {
        private readonly string _joined;
        private readonly int[] _endOfWordAt; // offset → end of the word starting there; 0 where none starts
        private readonly bool[] _wordEndsAt;

        public WordSpans(List<(string Squeezed, int Length, bool Spelled)> words)
        {
            _joined = string.Concat(words.Select(w => w.Squeezed));
            _endOfWordAt = new int[_joined.Length + 1];
            _wordEndsAt = new bool[_joined.Length + 1];
            var at = 0;
            foreach (var (word, _, _) in words)
            {
                _endOfWordAt[at] = at + word.Length;
                at += word.Length;
                _wordEndsAt[at] = true;
            }
        }

        /// <summary>Whether <paramref name="folded"/> starts at a word, ends at a word, and covers more than one.</summary>
        public bool Covers(string folded)
        {
            for (var i = _joined.IndexOf(folded, StringComparison.Ordinal); i >= 0; i = _joined.IndexOf(folded, i + 1, StringComparison.Ordinal))
            {
                var end = i + folded.Length;
                if (_endOfWordAt[i] is > 0 and var firstEnd && end > firstEnd && _wordEndsAt[end])
                {
                    return true;
                }
            }

            return false;
        }
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
