using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using LiveCommerce.Benchmarks.Harness;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.Accounts;
using LiveCommerce.Simulator;
using LiveCommerce.TestKit;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCommerce.Benchmarks.Scenarios;

/// <summary>
/// Real accounts on one node (PostgreSQL when ./test.sh's cluster is there, else SQLite): sign-ins
/// per second through <c>POST /api/auth/login</c> (each verifies a password hash: Identity's PBKDF2,
/// deliberately slow) and refreshes per second through <c>POST /api/auth/refresh</c> (each rotates
/// its token: one conditional UPDATE and one INSERT), from a few concurrent clients each.
/// </summary>
public sealed class SigninScenario : IScenario
{
    private const string Password = "Quiet-Harbor-2026";

    public string Name => "signin";

    public string Description => "real accounts: sign-ins/s (password hash) and refreshes/s (rotation), latency p50/p99";

    public async Task<ScenarioResult> RunAsync(BenchOptions options, CancellationToken ct)
    {
        var seconds = options.Quick ? 3 : Math.Max(3, options.Seconds);
        var clients = Environment.ProcessorCount * 4;
        var result = new ScenarioResult(Name, options) { Headline = $"{clients} concurrent clients, {seconds} s per phase, 1 node" };
        var postgres = Environment.GetEnvironmentVariable("LIVECOMMERCE_TEST_POSTGRES") is { Length: > 0 } ? await SharedPostgres.CreateDatabaseAsync() : null;
        var settings = new Dictionary<string, string?>
        {
            ["Auth:EnableDevLogin"] = "false",
            ["RateLimits:AuthPerSecond"] = "100000",
            ["RateLimits:AuthBurst"] = "100000",
        };
        if (postgres is not null)
        {
            settings["Accounts:ConnectionString"] = postgres;
        }

        result.Notes.Add(postgres is null ? "Accounts on SQLite (no LIVECOMMERCE_TEST_POSTGRES): run under ./test.sh's environment for PostgreSQL." : "Accounts on PostgreSQL (the run's throwaway cluster).");
        await using var node = await TestNode.StartAsync(null, "bench-signin", settings);
        try
        {
            var emails = await SeedAsync(node, clients, ct);
            var signIns = await PhaseAsync(clients, seconds, async (i, http) =>
            {
                using var response = await http.PostAsJsonAsync("/api/auth/login", new LoginRequest(emails[i], Password), LiveApi.Json, ct);
                return response.StatusCode == HttpStatusCode.OK;
            }, node, ct);
            result.Runs.Add(signIns.Figures("sign-in", "sign-ins/s"));

            // Each client refreshes its own session chain: every call spends the token the previous one returned.
            var sessions = new string?[clients];
            for (var i = 0; i < clients; i++)
            {
                using var response = await node.Http.PostAsJsonAsync("/api/auth/login", new LoginRequest(emails[i], Password), LiveApi.Json, ct);
                sessions[i] = (await LiveApi.ReadAsync<TokenResponse>(response, ct)).RefreshToken;
            }

            var refreshes = await PhaseAsync(clients, seconds, async (i, http) =>
            {
                using var response = await http.PostAsJsonAsync("/api/auth/refresh", new RefreshRequest(sessions[i]), LiveApi.Json, ct);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    return false;
                }

                sessions[i] = (await LiveApi.ReadAsync<TokenResponse>(response, ct)).RefreshToken;
                return true;
            }, node, ct);
            result.Runs.Add(refreshes.Figures("refresh", "refreshes/s"));
            result.Invariants["failed sign-ins"] = signIns.Failed;
            result.Invariants["failed refreshes"] = refreshes.Failed;
            result.Notes.Add("Every sign-in verifies a PBKDF2 password hash (Identity's default, 100,000 iterations): its cost is the point, it is what slows a password guesser down.");
        }
        finally
        {
            if (postgres is not null)
            {
                await SharedPostgres.DropDatabaseAsync(postgres);
            }
        }

        return result;
    }

    /// <summary>One confirmed account per client, made through Identity directly (the sign-up mail is not what is measured).</summary>
    private static async Task<string[]> SeedAsync(TestNode node, int count, CancellationToken ct)
    {
        var emails = new string[count];
        await using var scope = node.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        for (var i = 0; i < count; i++)
        {
            emails[i] = $"bench-{i}-{Guid.NewGuid():N}@example.test";
            var created = await users.CreateAsync(new AppUser { UserName = emails[i], Email = emails[i], EmailConfirmed = true, DisplayName = $"Bench {i}", CreatedAt = DateTimeOffset.UtcNow }, Password);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException(string.Join(" ", created.Errors.Select(e => e.Description)));
            }
        }

        return emails;
    }

    private static async Task<Phase> PhaseAsync(int clients, int seconds, Func<int, HttpClient, Task<bool>> call, TestNode node, CancellationToken ct)
    {
        var phase = new Phase();
        var until = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(i => Task.Run(async () =>
        {
            using var http = new HttpClient { BaseAddress = node.Address };
            while (until.Elapsed < TimeSpan.FromSeconds(seconds) && !ct.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                var ok = await call(i, http);
                phase.Latency.Record(Stopwatch.GetElapsedTime(started));
                Interlocked.Increment(ref ok ? ref phase.Succeeded : ref phase.Failed);
            }
        }, ct)));
        phase.Elapsed = until.Elapsed;
        return phase;
    }

    private sealed class Phase
    {
        public long Succeeded;
        public long Failed;

        public LatencyHistogram Latency { get; } = new();

        public TimeSpan Elapsed { get; set; }

        public RunFigures Figures(string what, string rate)
        {
            var run = new RunFigures(what);
            run[rate] = Succeeded / Elapsed.TotalSeconds;
            run["p50 ms"] = Latency.Percentile(50);
            run["p99 ms"] = Latency.Percentile(99);
            return run;
        }
    }
}
