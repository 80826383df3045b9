using System.Buffers.Binary;
using System.Security.Cryptography;

namespace LiveCommerce.Server.Features.Comments;

/// <summary>
/// Comment ids: 48 bits of Unix milliseconds, then 48 random bits, written as 16 characters of an
/// ASCII-ordered base-64 alphabet, so ids sort by time (ordinal) and never collide in practice across
/// nodes — like a Guid v7, at half its 32 characters. Every viewer receives every comment's id.
/// </summary>
public static class CommentIds
{
    public const int Length = 16;
    private const string Alphabet = "-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";

    public static string New(DateTimeOffset at)
    {
        Span<byte> bytes = stackalloc byte[12];
        BinaryPrimitives.WriteInt64BigEndian(bytes, at.ToUnixTimeMilliseconds() << 16);
        RandomNumberGenerator.Fill(bytes[6..]);
        Span<char> chars = stackalloc char[Length];
        for (int b = 0, c = 0; b < bytes.Length; b += 3, c += 4)
        {
            var group = bytes[b] << 16 | bytes[b + 1] << 8 | bytes[b + 2];
            chars[c] = Alphabet[group >> 18];
            chars[c + 1] = Alphabet[group >> 12 & 63];
            chars[c + 2] = Alphabet[group >> 6 & 63];
            chars[c + 3] = Alphabet[group & 63];
        }

        return new string(chars);
    }
}
