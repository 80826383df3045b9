using LiveCommerce.Server.Common;

namespace LiveCommerce.Server.Features.Comments;

public static class BlockedWordRules
{
    public static void Validate(Validator v, IReadOnlyList<string>? words)
    {
        v.Require(words is not null, "words is required (an empty list clears it).");
        if (words is null)
        {
            return;
        }

        v.Require(words.Count <= CommentLimits.MaxBlockedWords, $"At most {CommentLimits.MaxBlockedWords} words.");
        foreach (var word in words.Take(CommentLimits.MaxBlockedWords + 1))
        {
            v.Text("word", word, CommentLimits.MaxBlockedWordLength);
            v.Require(word is null || BlockedWordMatcher.Tokens(word).Count > 0, $"\"{word}\" has no letters or digits to match.");
        }
    }

    public static IReadOnlyList<string> Clean(IReadOnlyList<string> words) =>
        words.Select(TextRules.Clean).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
}
