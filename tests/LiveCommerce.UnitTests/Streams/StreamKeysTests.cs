using LiveCommerce.Server.Features.Streams;
using Microsoft.Extensions.Options;

namespace LiveCommerce.UnitTests.Streams;

public sealed class StreamKeysTests
{
    private static StreamKeys Keys(string secret) => new(Options.Create(new VideoOptions { Secret = secret }));

    private static readonly StreamKeys Server = Keys("a-secret-of-at-least-32-characters!!");

    [Fact]
    public void A_key_matches_its_own_stream_and_version_only()
    {
        var key = Server.For("s-1", 0);
        Assert.True(Server.Matches("s-1", 0, key));
        Assert.False(Server.Matches("s-2", 0, key));
        Assert.False(Server.Matches("s-1", 1, key));
        Assert.False(Server.Matches("s-1", 0, key[..^1]));
        Assert.False(Server.Matches("s-1", 0, ""));
        Assert.False(Server.Matches("s-1", 0, null));
        Assert.NotEqual(key, Server.For("s-1", 1));
    }

    [Fact]
    public void Keys_from_another_secret_never_match_and_an_unset_secret_matches_nothing()
    {
        Assert.False(Server.Matches("s-1", 0, Keys("another-secret-of-at-least-32-chars!!").For("s-1", 0)));
        Assert.False(Keys("").Matches("s-1", 0, Keys("").For("s-1", 0)));
        Assert.False(Keys("").IsEngine(""));
    }

    [Fact]
    public void A_key_is_url_safe_so_it_travels_as_a_query_argument_unescaped()
    {
        var key = Server.For("s-1", 7);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", key);
        Assert.Equal($"s-1?key={key}", StreamKeys.EncoderKey("s-1", key));
    }

    [Fact]
    public void Only_the_configured_secret_authenticates_the_engine()
    {
        Assert.True(Server.IsEngine("a-secret-of-at-least-32-characters!!"));
        Assert.False(Server.IsEngine("a-secret-of-at-least-32-characters!"));
        Assert.False(Server.IsEngine(null));
    }
}
