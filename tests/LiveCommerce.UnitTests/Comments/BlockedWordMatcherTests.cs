using LiveCommerce.Server.Features.Comments;

namespace LiveCommerce.UnitTests.Comments;

public sealed class BlockedWordMatcherTests
{
    private static readonly BlockedWordMatcher Matcher = new(["spam", "scam", "kill", "ass", "buy followers", "Crème"]);

    public static TheoryData<string, string> Evasions() => new()
    {
        { "this is spam", "spam" },
        { "SPAM", "spam" },
        { "Spam!", "spam" },
        { "sp4m", "spam" },
        { "5p@m", "spam" },
        { "$pam", "spam" },
        { "s p a m", "spam" },
        { "s.p.a.m", "spam" },
        { "s-p_a*m", "spam" },
        { "sp am", "spam" },
        { "spaaaaam", "spam" },
        { "SpAmMeR alert", "spam" },
        { "ｓｐａｍ", "spam" }, // fullwidth
        { "𝐬𝐩𝐚𝐦", "spam" }, // mathematical bold
        { "spåm", "spam" }, // diacritic
        { "s\u0336p\u0336a\u0336m\u0336", "spam" }, // strike-through combining marks
        { "sc4m", "scam" },
        { "not a 5 c @ m", "scam" },
        { "k1ll", "kill" },
        { "ki11", "kill" },
        { "k!ll", "kill" },
        { "KILL3R", "kill" },
        { "you @$$", "ass" },
        { "a s s", "ass" },
        { "buy followers now", "buy followers" },
        { "BUY f0ll0wers", "buy followers" },
        { "buyfollowers", "buy followers" },
        { "creme brulee", "Crème" },
    };

    [Theory]
    [MemberData(nameof(Evasions))]
    public void Finds_blocked_words_through_evasions(string text, string word) =>
        Assert.Equal(word, Matcher.FindIn(text));

    [Theory]
    [InlineData("hello everyone")]
    [InlineData("what a great class")] // contains "ass" inside a word
    [InlineData("nice skill")] // contains "kill" inside a word
    [InlineData("spa day")]
    [InlineData("such as this")] // shorter than the blocked "ass"
    [InlineData("assistant? no: passion")]
    [InlineData("I paid 5400 for it!!!")]
    [InlineData("wow!")]
    [InlineData("")]
    public void Leaves_innocent_text_alone(string text) =>
        Assert.Null(Matcher.FindIn(text));

    [Fact]
    public void An_empty_list_matches_nothing() =>
        Assert.Null(BlockedWordMatcher.Empty.FindIn("spam"));
}
