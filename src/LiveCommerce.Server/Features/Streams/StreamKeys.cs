using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Features.Streams;

/// <summary>
/// Stream keys are derived, not stored: HMAC-SHA256(Video:Secret, stream id + key version). Rotating
/// bumps the version, so the old key stops matching on every node at once, and nothing secret sits in Redis.
/// </summary>
public sealed class StreamKeys(IOptions<VideoOptions> options)
{
    public string For(string streamId, long version)
    {
        var secret = Encoding.UTF8.GetBytes(options.Value.Secret);
        var mac = HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes($"stream-key\n{streamId}\n{version}"));
        return Convert.ToBase64String(mac).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public bool Matches(string streamId, long version, string? key) =>
        !string.IsNullOrEmpty(key) && !string.IsNullOrEmpty(options.Value.Secret)
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(For(streamId, version)), Encoding.UTF8.GetBytes(key));

    /// <summary>What an encoder puts in its "stream key" field: the stream name, then the key as a query argument.</summary>
    public static string EncoderKey(string streamId, string key) => $"{streamId}?key={key}";

    /// <summary>Fixed-time check of a callback's shared secret.</summary>
    public bool IsEngine(string? secret) =>
        !string.IsNullOrEmpty(secret) && !string.IsNullOrEmpty(options.Value.Secret)
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(options.Value.Secret), Encoding.UTF8.GetBytes(secret));
}
