using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Infrastructure.Redis;
using LiveCommerce.Simulator;
using LiveCommerce.TestKit;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace LiveCommerce.IntegrationTests.Security;

/// <summary>
/// Property-based fuzzing (FsCheck) of every hub method and every endpoint, found by reflection:
/// random and hostile payloads never produce a 500 (or a hub <c>unavailable</c>), never an error
/// log, never a dropped connection, and a refused call never changes stored state. The endpoints
/// (<see cref="HttpFuzzTests"/>) and the hub (<see cref="HubFuzzTests"/>) are fuzzed by two classes, each on a
/// node of its own, so that the two halves (minutes each) run side by side.
/// </summary>
public abstract class FuzzTests(FuzzTests.FuzzNode node)
{
    protected const int CasesPerEndpoint = 100;

    /// <summary>Fewer per hub method: accepted hub calls (comments, reactions) settle in batches, which costs a wait each.</summary>
    protected const int CasesPerHubMethod = 50;

    /// <summary>
    /// The world's hold would run out minutes later, in the middle of the next test on this node, where the
    /// sweeper's release would look like a refused call changing state: let it go now.
    /// </summary>
    private async Task ReleaseWorldHoldAsync(World world)
    {
        await using var sam = await node.Node.ViewerAsync("sam", reconnect: false);
        await sam.Hub.ReleaseHold(world.HoldId);
        node.ForgetFingerprint();
    }

    /// <summary>
    /// The node's background work (scheduler, sweeper, reconcilers, projectors) also writes, so a change seen
    /// around one refused call is confirmed before it is blamed on it: once everything has settled, the same
    /// request again must be refused without changing anything. Null when the change was not the call's.
    /// </summary>
    /// <param name="sendAgain">Sends the call again; true when it was refused again.</param>
    protected async Task<string?> RefusedAgainButChangedAsync(Func<Task<bool>> sendAgain)
    {
        node.ForgetFingerprint();
        var before = await node.FingerprintAsync(cached: true); // settled
        var refused = await sendAgain();
        node.ForgetFingerprint();
        var after = await node.FingerprintAsync();
        return refused && before != after ? Changed(before, after) : null;
    }

    /// <summary>Checks <paramref name="property"/> on that many cases; a falsified one joins the failures and the rest still run.</summary>
    protected static async Task CheckAsync(Property property, int cases, List<string> failures)
    {
        try
        {
            await Task.Run(() => property.Check(Config.QuickThrowOnFailure.WithMaxTest(cases).WithQuietOnSuccess(true)));
        }
        catch (Exception e)
        {
            failures.Add(e.Message);
        }
    }

    /// <summary>Lets the world's hold go, then fails with every falsified property, and on any error the node logged.</summary>
    protected async Task FinishAsync(World world, List<string> failures)
    {
        await ReleaseWorldHoldAsync(world);
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
        node.AssertNoErrorLogs();
    }

    protected static bool Fail(string why) => throw new Xunit.Sdk.XunitException(why);

    /// <summary>The fingerprint lines (key=hash) that differ, so a failure says what changed.</summary>
    protected static string Changed(string before, string after)
    {
        var (was, now) = (before.Split('\n').ToHashSet(), after.Split('\n').ToHashSet());
        return string.Join("; ", was.Except(now).Select(l => "-" + l).Concat(now.Except(was).Select(l => "+" + l)).Take(10));
    }

    protected async Task<Dictionary<int, HttpClient>> CallersAsync()
    {
        var callers = new Dictionary<int, HttpClient>();
        for (var r = 0; r < AuthorizationMatrixTests.Roles.Length; r++)
        {
            callers[r] = AuthorizationMatrixTests.Roles[r].Handle is { } h ? node.Node.Authorized(await node.Node.TokenAsync(h)) : node.Node.Http;
        }

        return callers;
    }

    // ---- generators ----

    /// <summary>Strings an attacker or a broken client sends.</summary>
    private static readonly string[] HostileStrings =
    [
        "", " ", "\0", "a\u0000b", "\u202Eevil\u202C", "\u200B", "\uD800", "\uDFFF lone", "💥🔥", "\r\n\t",
        "../../etc/passwd", "..%2F..%2Fetc", "/media/../secret", "'; redis.call('FLUSHALL') --", "{stream:x}", "lc:*", "*",
        "<script>alert(1)</script>", "%00", "null", "-1", "1e309", "NaN", "s-" + new string('f', 16),
        new string('x', 65), new string('y', 2049), new string('z', 20_000), "é" + "\u0301", "\u0085", "\uFEFF",
    ];

    private static Gen<string> HostileString() =>
        Gen.OneOf(Gen.Elements(HostileStrings), ArbMap.Default.GeneratorFor<string>().Select(s => s ?? ""));

    /// <summary>Any JSON value: hostile strings, extreme numbers, wrong shapes.</summary>
    private static Gen<JsonNode?> HostileJson() => Gen.OneOf(
        HostileString().Select(s => (JsonNode?)JsonValue.Create(s)),
        Gen.Elements<JsonNode?>(
            null, JsonValue.Create(0), JsonValue.Create(-1), JsonValue.Create(int.MinValue), JsonValue.Create(long.MaxValue),
            JsonValue.Create(decimal.MaxValue), JsonValue.Create(-79228162514264337593543950335m), JsonValue.Create(1e308), JsonValue.Create(0.1),
            JsonValue.Create(true), new JsonArray(), new JsonArray(1, "a", null), new JsonObject(), new JsonObject { ["$type"] = "System.IO.File" }),
        ArbMap.Default.GeneratorFor<int>().Select(i => (JsonNode?)JsonValue.Create(i)));

    public sealed record HttpCase(HttpTarget Target, int Caller, Dictionary<string, string> Route, Dictionary<string, string> Query, string? Body, bool Multipart, World World)
    {
        public HttpRequestMessage Build()
        {
            var request = Surface.Request(Target with { Method = Target.Method == "*" ? "GET" : Target.Method }, World);
            var uri = Target.Pattern;
            foreach (var (name, value) in Route)
            {
                uri = uri.Replace("{" + name + "}", Uri.EscapeDataString(value), StringComparison.Ordinal)
                    .Replace("{**" + name + "}", Uri.EscapeDataString(value), StringComparison.Ordinal);
            }

            uri = System.Text.RegularExpressions.Regex.Replace(uri, @"\{\*[^}]*\}", "x");
            if (Query.Count > 0)
            {
                uri += "?" + string.Join('&', Query.Select(q => $"{q.Key}={Uri.EscapeDataString(q.Value)}"));
            }

            request.RequestUri = new Uri(uri, UriKind.Relative);
            if (Body is not null)
            {
                request.Content = new StringContent(Body, Encoding.UTF8, "application/json");
            }
            else if (Multipart)
            {
                var junk = new ByteArrayContent(RandomNumberGenerator.GetBytes(64));
                request.Content = new MultipartFormDataContent { { junk, "file", "../../x.png" } };
            }

            return request;
        }

        public override string ToString() =>
            $"as {AuthorizationMatrixTests.Roles[Caller].Name} route={Show(Route)} query={Show(Query)} body={Cut(Body)} multipart={Multipart}";

        private static string Show(Dictionary<string, string> d) => string.Join(',', d.Select(p => $"{p.Key}:{Cut(p.Value)}"));

        private static string Cut(string? s) => s is null ? "null" : s.Length > 80 ? JsonSerializer.Serialize(s[..80]) + $"…({s.Length})" : JsonSerializer.Serialize(s);
    }

    /// <summary>Each input the caller controls is either well-formed or hostile; bodies are mutated field by field or replaced by junk.</summary>
    protected static Gen<HttpCase> HttpCases(HttpTarget target, World world)
    {
        var parameters = target.Handler?.GetParameters() ?? [];
        var routeNames = parameters.Where(p => Surface.IsRouteValue(target, p)).Select(p => p.Name!).ToArray();
        var queryNames = parameters.Where(p => !Surface.IsRouteValue(target, p) && !Surface.IsInjected(p) && Surface.IsSimple(p.ParameterType)).Select(p => p.Name!).ToArray();
        var bodyType = parameters.FirstOrDefault(Surface.IsBody)?.ParameterType;
        var multipart = parameters.Any(p => p.ParameterType == typeof(Microsoft.AspNetCore.Http.HttpRequest));

        var route = Values(routeNames);
        var query = Values(queryNames);
        var body = bodyType is null ? Gen.Constant<string?>(null) : Gen.OneOf(
            MutatedBody(JsonSerializer.SerializeToNode(Surface.Sample(bodyType, world), bodyType, LiveApi.Json)!.AsObject()),
            HostileJson().Select(j => (string?)(j?.ToJsonString() ?? "null")),
            HostileString().Select(s => (string?)s));
        return from caller in Gen.Choose(0, AuthorizationMatrixTests.Roles.Length - 1)
               from r in route
               from q in query
               from b in body
               select new HttpCase(target, caller, r, q, b, multipart && b is null, world);
    }

    /// <summary>For each name: omitted (well-formed default is used) or a hostile string.</summary>
    private static Gen<Dictionary<string, string>> Values(string[] names) =>
        names.Aggregate(Gen.Constant(new Dictionary<string, string>()), (acc, name) =>
            from d in acc
            from hostile in ArbMap.Default.GeneratorFor<bool>()
            from value in HostileString()
            select hostile ? new Dictionary<string, string>(d) { [name] = value } : d);

    private static Gen<string?> MutatedBody(JsonObject sample) =>
        sample.Select(p => p.Key).Aggregate(Gen.Constant(sample.ToJsonString()), (acc, key) =>
            from json in acc
            from mutate in ArbMap.Default.GeneratorFor<bool>()
            from value in HostileJson()
            select mutate ? Replace(json, key, value) : json)
        .Select(s => (string?)s);

    private static string Replace(string json, string key, JsonNode? value)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        node[key] = value?.DeepClone();
        return node.ToJsonString();
    }

    public sealed record HubCase(bool AsHost, object?[] Args)
    {
        public override string ToString() =>
            $"{(AsHost ? "host" : "viewer")}: {string.Join(", ", Args.Select(a => a is string s && s.Length > 60 ? JsonSerializer.Serialize(s[..60]) + $"…({s.Length})" : JsonSerializer.Serialize(a)))}";
    }

    /// <summary>Each argument well-formed or hostile (any JSON type); sometimes one too few or too many.</summary>
    protected static Gen<HubCase> HubCases(System.Reflection.MethodInfo method, World world)
    {
        var valid = Surface.HubArguments(method, world);
        var hostile = Gen.OneOf(
            HostileString().Select(s => (object?)s),
            HostileJson().Select(j => (object?)j),
            Gen.Elements<object?>(null, -1, 0, int.MaxValue, int.MinValue, long.MinValue, long.MaxValue, 3000, 3600, 3601, -0.5, true));
        var args = valid.Aggregate(Gen.Constant(Array.Empty<object?>()), (acc, good) =>
            from list in acc
            from bad in ArbMap.Default.GeneratorFor<bool>()
            from value in hostile
            select list.Append(bad ? value : good).ToArray());
        var durations = method.GetParameters().Select(p => p.Name is "seconds" or "durationSeconds").ToArray();
        return from a in args
               from arity in Gen.Frequency((8, Gen.Constant(0)), (1, Gen.Constant(-1)), (1, Gen.Constant(1)))
               from asHost in ArbMap.Default.GeneratorFor<bool>()
               select new HubCase(asHost, (arity switch
               {
                   -1 when a.Length > 0 => a[..^1],
                   1 => [.. a, "extra"],
                   _ => a,
               }).Select((arg, i) => i < durations.Length && durations[i] ? OutlastingTheRun(arg) : arg).ToArray()) into c
               // A frame over the hub's 32 KB MaximumReceiveMessageSize is closed by SignalR by design
               // (e.g. two 20,000-char arguments to a four-argument method): keep each call under it.
               where JsonSerializer.Serialize(c.Args).Length < 30 * 1024
               select c;
    }

    /// <summary>
    /// A duration the server would accept but that ends within the run (a 10 s timeout, a 30 s pin)
    /// becomes one that outlasts it: when it ended, its key would expire or the pin sweeper would
    /// write, under whichever refused call was running, and that call would seem to have changed
    /// state. Short durations are the feature tests' business; zero, negatives and too long stay.
    /// </summary>
    private static object? OutlastingTheRun(object? seconds)
    {
        const int Long = 3000; // 50 min: within every duration limit, longer than this test
        return seconds switch
        {
            int s when s is > 0 and < Long => Long,
            JsonValue v when v.TryGetValue<int>(out var s) && s is > 0 and < Long => JsonValue.Create(Long),
            _ => seconds,
        };
    }

    /// <summary>A node with its own key prefix, no rate limits, and its logs captured.</summary>
    public sealed class FuzzNode : IAsyncLifetime
    {
        private readonly string _media = Directory.CreateTempSubdirectory("lc-fuzz-media-").FullName;
        private readonly LogCapture _logs = new();
        private string _prefix = "";

        public TestNode Node { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            _prefix = SharedRedis.UniquePrefix();
            var settings = await AuthorizationMatrixTests.MatrixNode.RealAccountsAsync(AuthorizationMatrixTests.MatrixNode.Unlimited(_media));
            settings["Comments:BatchWindow"] = "00:00:00.020"; // accepted comments settle fast
            Node = await TestNode.StartAsync(await SharedRedis.ConfigurationAsync(), _prefix, settings, logging: l => l.AddProvider(_logs));
        }

        /// <summary>Keys that change with the clock, not with calls: presence heartbeats, rate windows, slow-mode gates, flush locks.</summary>
        // Earnings and buyers are projected from the order log in the background, whenever the projector
        // runs; peaks are recorded by the viewer-count tick.
        private static readonly string[] TimeDriven = [":viewers", ":rate:", ":slow:", ":lock", ":{earnings}:", ":{audience}:buyers:", ":{audience}:peak:"];

        /// <summary>
        /// Every stored key of this node (Redis under its prefix, media files) with a hash of its value.
        /// Viewer presence and projected earnings are left out: they change on their own schedule, not
        /// as the result of the call under test.
        /// </summary>
        private string? _last;

        /// <summary>Drops the remembered fingerprint after a call that may have changed state.</summary>
        public void ForgetFingerprint() => _last = null;

        /// <param name="cached">Reuse the last fingerprint when nothing accepted since may have changed state.</param>
        /// <param name="settle">After an accepted call, wait for batched writes to land.</param>
        public async Task<string> FingerprintAsync(bool cached = false, bool settle = true)
        {
            if (cached && _last is not null)
            {
                return _last;
            }

            if (!cached || !settle)
            {
                return _last = await ComputeFingerprintAsync();
            }

            // After an accepted call: wait until everything it set in motion has landed — comment
            // batches (150 ms), and a launched sale's start announced by the scheduler and its stock
            // pushed (200–500 ms) — i.e. two reads further apart than the slowest of those agree.
            var current = await ComputeFingerprintAsync();
            for (var i = 0; i < 8; i++)
            {
                await Task.Delay(700);
                var next = await ComputeFingerprintAsync();
                if (next == current)
                {
                    break;
                }

                current = next;
            }

            return _last = current;
        }

        private async Task<string> ComputeFingerprintAsync()
        {
            var redis = await SharedRedis.ConnectionAsync();
            var server = redis.GetServers()[0];
            var db = redis.GetDatabase();
            var lines = new List<string>();
            await foreach (var key in server.KeysAsync(pattern: _prefix + ":*", pageSize: 1000))
            {
                if (TimeDriven.Any(t => key.ToString().Contains(t, StringComparison.Ordinal)))
                {
                    continue;
                }

                if (key.ToString().EndsWith('}') && key.ToString().Contains("{sale:", StringComparison.Ordinal))
                {
                    // A sale's counters field by field, so a failure says which one moved.
                    lines.AddRange((await db.HashGetAllAsync(key)).Select(f => $"{key}#{f.Name}={(f.Name == "json" ? Convert.ToHexString(SHA256.HashData((byte[])f.Value!)) : f.Value)}"));
                    continue;
                }

                var dump = (byte[]?)await db.KeyDumpAsync(key);
                lines.Add($"{key}={(dump is null ? "-" : Convert.ToHexString(SHA256.HashData(dump)))}");
            }

            lines.AddRange(Directory.EnumerateFiles(_media, "*", SearchOption.AllDirectories));
            lines.Sort(StringComparer.Ordinal);
            return string.Join('\n', lines);
        }

        public void AssertNoErrorLogs()
        {
            // Refusals are the point here and log no error (SignalR's own Error line per refused call is
            // turned off); anything at Error, including the hub's "unavailable" path, is a server failure.
            var errors = _logs.Lines.Where(l => l.Level >= LogLevel.Error).Select(l => $"{l.Category}: {l.Text}").ToArray();
            Assert.True(errors.Length == 0, "The server logged errors:\n" + string.Join("\n", errors.Take(5)));
        }

        public async Task DisposeAsync()
        {
            await Node.DisposeAsync();
            Directory.Delete(_media, recursive: true);
        }
    }
}

/// <summary>Every endpoint, found by reflection, fuzzed (see <see cref="FuzzTests"/>).</summary>
public sealed class HttpFuzzTests(FuzzTests.FuzzNode node) : FuzzTests(node), IClassFixture<FuzzTests.FuzzNode>
{
    private readonly FuzzNode node = node;

    [Fact]
    public async Task Hostile_input_to_every_endpoint_never_answers_500_nor_changes_state_when_refused()
    {
        var world = await World.CreateAsync(node.Node);
        node.ForgetFingerprint();
        var callers = await CallersAsync();
        var failures = new List<string>();
        foreach (var target in Surface.Endpoints(node.Node.Services).Where(t => !t.Pattern.StartsWith("/hubs/", StringComparison.Ordinal)))
        {
            var property = Prop.ForAll(HttpCases(target, world).ToArbitrary(), fuzz => Task.Run(async () =>
            {
                var before = await node.FingerprintAsync(cached: true, settle: false); // HTTP writes land before the answer
                using var request = fuzz.Build();
                using var response = await callers[fuzz.Caller].SendAsync(request);
                var status = (int)response.StatusCode;
                var body = await response.Content.ReadAsStringAsync();
                if (status is >= 200 and < 300)
                {
                    node.ForgetFingerprint();
                }

                if (status >= 500)
                {
                    return Fail($"{target.Key} answered {status} to {fuzz}: {body}");
                }

                if (status is < 200 or >= 300 && await node.FingerprintAsync() is var after && before != after
                    && await RefusedAgainButChangedAsync(async () =>
                    {
                        using var again = fuzz.Build();
                        using var answer = await callers[fuzz.Caller].SendAsync(again);
                        return !answer.IsSuccessStatusCode;
                    }) is { } again)
                {
                    return Fail($"{target.Key} refused ({status}) {fuzz} but changed state: {Changed(before, after)}; sent again: {again}");
                }

                return true;
            }).GetAwaiter().GetResult());
            await CheckAsync(property, CasesPerEndpoint, failures);
        }

        await FinishAsync(world, failures);
    }
}

/// <summary>Every hub method, found by reflection, fuzzed (see <see cref="FuzzTests"/>).</summary>
public sealed class HubFuzzTests(FuzzTests.FuzzNode node) : FuzzTests(node), IClassFixture<FuzzTests.FuzzNode>
{
    private readonly FuzzNode node = node;

    [Fact]
    public async Task Hostile_arguments_to_every_hub_method_are_refused_with_a_code_and_keep_the_connection()
    {
        var world = await World.CreateAsync(node.Node);
        node.ForgetFingerprint();
        await using var host = await node.Node.ViewerAsync("mia", reconnect: false);
        await using var viewer = await node.Node.ViewerAsync("sam", reconnect: false);
        var failures = new List<string>();
        foreach (var method in Surface.HubMethods())
        {
            var property = Prop.ForAll(HubCases(method, world).ToArbitrary(), fuzz => Task.Run(async () =>
            {
                var caller = fuzz.AsHost ? host : viewer;
                var before = await node.FingerprintAsync(cached: true);
                string? refusal = null;
                try
                {
                    await caller.Connection.InvokeCoreAsync(method.Name, typeof(object), fuzz.Args);
                }
                catch (HubException e)
                {
                    refusal = e.Message;
                }

                if (caller.Connection.State != HubConnectionState.Connected)
                {
                    return Fail($"{method.Name}({fuzz}) dropped the connection");
                }

                if (refusal is null)
                {
                    node.ForgetFingerprint(); // an accepted call may change state
                    return true;
                }

                if (refusal.Contains(ErrorCodes.Unavailable + ":", StringComparison.Ordinal))
                {
                    return Fail($"{method.Name}({fuzz}) failed inside the server: {refusal}");
                }

                var after = await node.FingerprintAsync();
                if (before != after && await RefusedAgainButChangedAsync(async () =>
                    {
                        try
                        {
                            await caller.Connection.InvokeCoreAsync(method.Name, typeof(object), fuzz.Args);
                            return false;
                        }
                        catch (HubException)
                        {
                            return true;
                        }
                    }) is { } again)
                {
                    return Fail($"{method.Name}({fuzz}) was refused ({refusal}) but changed state: {Changed(before, after)}; sent again: {again}");
                }

                return true;
            }).GetAwaiter().GetResult());
            await CheckAsync(property, CasesPerHubMethod, failures);
        }

        await FinishAsync(world, failures);
    }
}
