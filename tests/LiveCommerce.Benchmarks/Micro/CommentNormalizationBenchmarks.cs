using BenchmarkDotNet.Attributes;
using LiveCommerce.Server.Features.Comments;

namespace LiveCommerce.Benchmarks.Micro;

/// <summary>
/// What every comment costs before it is admitted: <see cref="CommentNormalizer"/> (NFC, invisible
/// characters dropped, whitespace collapsed, length in grapheme clusters) on what viewers type and on
/// what a hostile one sends, and <see cref="BlockedWordMatcher"/> with a moderator's list of 50 words.
/// </summary>
[MemoryDiagnoser]
public class CommentNormalizationBenchmarks
{
    /// <summary>The crowd's usual: short, already NFC, one emoji.</summary>
    public const string Typical = "Love the ivory one! 😍 Does it ship to Portugal?";

    /// <summary>Decomposed accents (NFD, as some keyboards send them) and an emoji ZWJ sequence.</summary>
    public const string Decomposed = "Cafe\u0301 cre\u0300me bru\u0302le\u0301e 👩‍👩‍👧 tre\u0300s jolie";

    /// <summary>
    /// Near the raw-length bound: whitespace floods, zero-width and bidi-override characters between the
    /// letters, and a combining-mark pile-up. Normalized, it is refused as too long or trimmed to little.
    /// </summary>
    public static readonly string Hostile = string.Concat(Enumerable.Repeat("s\u200Bp\u202Ea\u00A0\t\tm  \r\nZ\u0351\u0352\u0353 ", 80));

    private readonly BlockedWordMatcher _blocked = new(Enumerable.Range(0, 48).Select(i => $"blockedword{i}").Append("spam").Append("scam"));

    [Benchmark(Baseline = true)]
    public NormalizedComment Normalize_Typical() => CommentNormalizer.Normalize(Typical);

    [Benchmark]
    public NormalizedComment Normalize_Decomposed() => CommentNormalizer.Normalize(Decomposed);

    [Benchmark]
    public NormalizedComment Normalize_Hostile() => CommentNormalizer.Normalize(Hostile);

    [Benchmark]
    public string? BlockedWords_Typical_NoHit() => _blocked.FindIn(Typical);

    [Benchmark]
    public string? BlockedWords_Evasion_Hit() => _blocked.FindIn("great deal, not a s.p.a.a.m at all");
}
