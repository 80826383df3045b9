using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Web;
using LiveCommerce.Contracts;
using LiveCommerce.Simulator;
using LiveCommerce.TestKit;

namespace LiveCommerce.IntegrationTests.Accounts;

/// <summary>
/// A node with real accounts as production runs them: its own PostgreSQL database, mail through the
/// real SMTP sink, dev sign-in off. People sign up and read their mail like anyone would.
/// </summary>
public sealed class AccountsNode : IAsyncLifetime
{
    private string? _database;

    public TestNode Node { get; private set; } = default!;

    public SmtpSink Smtp { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Smtp = await SmtpSink.SharedAsync();
        _database = await SharedPostgres.CreateDatabaseAsync();
        Node = await TestNode.StartAsync(null, "accounts-" + Guid.NewGuid().ToString("N")[..6], TestNode.RealAccountsSettings(_database, Smtp, "https://shop.example.test"));
    }

    public async Task DisposeAsync()
    {
        if (Node is not null)
        {
            await Node.DisposeAsync();
        }

        if (_database is not null)
        {
            await SharedPostgres.DropDatabaseAsync(_database);
        }
    }

    public const string Password = "Correct-Horse-42";

    public static string NewEmail() => SmtpSink.UniqueAddress();

    public async Task<HttpResponseMessage> PostAsync(string path, object? body, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body, options: LiveApi.Json) };
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }

        return await Node.Http.SendAsync(request);
    }

    public async Task<string?> ErrorCodeAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(body).RootElement.TryGetProperty("code", out var code) ? code.GetString() : null;
    }

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response) => await LiveApi.ReadAsync<T>(response);

    /// <summary>Signs up and returns the link values from the confirmation mail.</summary>
    public async Task<(string UserId, string Token)> SignUpAsync(string email, string password = Password, string name = "Rosa Díaz")
    {
        var answer = await PostAsync("/api/auth/register", new RegisterRequest(email, password, name, "MX"));
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        var link = await LinkAsync(email, "/confirm-email");
        return (link["userId"]!, link["token"]!);
    }

    /// <summary>Signs up, confirms from the mail, and returns the session the confirmation starts.</summary>
    public async Task<TokenResponse> ConfirmedAccountAsync(string? email = null, string name = "Rosa Díaz")
    {
        email ??= NewEmail();
        var (userId, token) = await SignUpAsync(email, name: name);
        var confirmed = await PostAsync("/api/auth/confirm-email", new ConfirmEmailRequest(userId, token));
        return await ReadAsync<TokenResponse>(confirmed);
    }

    public async Task<TokenResponse> LoginAsync(string email, string password = Password, string? code = null) =>
        await ReadAsync<TokenResponse>(await PostAsync("/api/auth/login", new LoginRequest(email, password, code)));

    /// <summary>The query of the link to <paramref name="page"/> in the newest mail to the address (waits for it).</summary>
    public async Task<System.Collections.Specialized.NameValueCollection> LinkAsync(string email, string page, int nth = 1)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var links = Smtp.Mailbox.To(email)
                .Select(m => m.TextBody ?? "")
                .SelectMany(body => body.Split('\n'))
                .Select(line => line.Trim())
                .Where(line => line.StartsWith("https://shop.example.test" + page, StringComparison.Ordinal))
                .ToList();
            if (links.Count >= nth)
            {
                return HttpUtility.ParseQueryString(new Uri(links[nth - 1]).Query);
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No mail with a {page} link #{nth} reached {email}.");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>An authenticator app's current code for a base32 key (RFC 6238: SHA-1, 30 s, 6 digits).</summary>
    public static string TotpCode(string base32Key, DateTimeOffset? at = null)
    {
        var key = Base32(base32Key);
        var step = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds() / 30;
        var counter = BitConverter.GetBytes(step);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(counter);
        }

        var hash = HMACSHA1.HashData(key, counter);
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = 0;
        var value = 0;
        var bytes = new List<byte>();
        foreach (var c in text.TrimEnd('=').ToUpperInvariant())
        {
            value = (value << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(value >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. bytes];
    }
}
