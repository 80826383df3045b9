using LiveCommerce.Client.Features.Comments;
using LiveCommerce.Client.Shared;
using LiveCommerce.Contracts;
using static LiveCommerce.Client.Tests.Samples;

namespace LiveCommerce.Client.Tests;

public sealed class CommentsPanelTests
{
    [Fact]
    public void Comment_text_and_names_render_as_text_never_as_html()
    {
        using var ctx = new ClientTestContext();
        const string hostile = "<script>alert(1)</script><b>bold</b><img src=x onerror=alert(2)>";
        var cut = ctx.Render<CommentsPanel>(p => p
            .Add(x => x.StreamId, "s1")
            .Add(x => x.Comments, [Comment("c1", hostile) with { DisplayName = "<i>Eve</i>" }]));

        Assert.Equal(hostile, cut.Find("[data-testid=comment-text]").TextContent);
        Assert.Equal("<i>Eve</i>", cut.Find("[data-testid=comment-author]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=comment-list] script, [data-testid=comment-list] b, [data-testid=comment-list] img, [data-testid=comment-list] i"));
    }

    [Fact]
    public void Purchase_moments_and_questions_are_marked()
    {
        using var ctx = new ClientTestContext();
        var cut = ctx.Render<CommentsPanel>(p => p
            .Add(x => x.StreamId, "s1")
            .Add(x => x.Comments, [Comment("p1", "Ana from Brazil just bought Glow Serum", CommentKind.Purchase), Comment("q1", "Blue?") with { IsQuestion = true }]));

        var items = cut.FindAll("[data-testid=comment]");
        Assert.Equal("Purchase", items[0].GetAttribute("data-kind"));
        Assert.Empty(items[0].QuerySelectorAll("[data-testid=comment-author]"));
        Assert.Contains("Question", items[1].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Sending_calls_the_hub_and_clears_the_box()
    {
        using var ctx = new ClientTestContext().SignedIn(); // guests may not comment or buy
        ctx.Hub.Answer = (_, args) => Comment("new", (string)args[1]!);
        var cut = ctx.Render<CommentsPanel>(p => p.Add(x => x.StreamId, "s1"));

        cut.Find("[data-testid=comment-input]").Input("Love this!");
        cut.Find("form").Submit();

        var call = Assert.Single(ctx.Hub.Calls);
        Assert.Equal(nameof(ILiveHub.SendComment), call.Method);
        Assert.Equal(["s1", "Love this!"], call.Args);
        Assert.Equal("", cut.Find("[data-testid=comment-input]").GetAttribute("value"));
        Assert.Equal("", cut.Find("[data-testid=comment-error]").TextContent);
    }

    [Theory]
    [InlineData(ErrorCodes.SlowMode, "Slow mode is on; you can comment again in 12 s.", "Slow mode is on. You can comment again in 12 s.")]
    [InlineData(ErrorCodes.RateLimited, "At most 5 comments per 10 s; try again in 3 s.", "You're commenting too fast. You can comment again in 3 s.")]
    [InlineData(ErrorCodes.TimedOut, "You are timed out; you can comment again in 300 s.", "You're timed out in this chat. You can comment again in 300 s.")]
    [InlineData(ErrorCodes.SlowMode, "Slow mode is on.", "Slow mode is on.")]
    [InlineData(ErrorCodes.Banned, "You are banned.", "You can't comment in this stream.")]
    [InlineData(ErrorCodes.BlockedWord, "\"spam\" is not allowed here.", "Your comment contains a word that isn't allowed here. \"spam\" is not allowed here.")]
    public void A_refusal_shows_inline_and_keeps_the_draft(string code, string serverMessage, string shown)
    {
        using var ctx = new ClientTestContext().SignedIn(); // guests may not comment or buy
        ctx.Hub.Answer = (_, _) => throw new ApiException(code, serverMessage);
        var cut = ctx.Render<CommentsPanel>(p => p.Add(x => x.StreamId, "s1"));

        cut.Find("[data-testid=comment-input]").Input("again");
        cut.Find("form").Submit();

        var error = cut.Find("[data-testid=comment-error]");
        Assert.Equal(shown, error.TextContent);
        Assert.Equal(code, error.GetAttribute("data-code"));
        Assert.Equal("alert", error.GetAttribute("role"));
        Assert.Equal("again", cut.Find("[data-testid=comment-input]").GetAttribute("value"));
    }

    [Fact]
    public void In_Spanish_the_panel_and_its_refusals_are_Spanish()
    {
        using var ctx = new ClientTestContext("es-ES").SignedIn(); // guests may not comment or buy
        ctx.Hub.Answer = (_, _) => throw new ApiException(ErrorCodes.Banned, "banned");
        var cut = ctx.Render<CommentsPanel>(p => p.Add(x => x.StreamId, "s1").Add(x => x.SlowModeSeconds, 30));

        Assert.Equal("Chat en directo", cut.Find("h2").TextContent);
        Assert.Equal("Modo lento: un comentario cada 30 s.", cut.Find("[data-testid=slow-mode]").TextContent);
        cut.Find("[data-testid=comment-input]").Input("hola");
        cut.Find("form").Submit();
        Assert.Equal("No puedes comentar en esta transmisión.", cut.Find("[data-testid=comment-error]").TextContent);
    }
}
