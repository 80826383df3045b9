using System.Text.RegularExpressions;

namespace LiveCommerce.UnitTests.Operations;

/// <summary>
/// docs/OPERATIONS.md, "Who can reach the data": in every deployment the repository ships (infra/compose.yaml,
/// infra/k8s) Redis has its default user off and an ACL user with a password, every node connects to Redis as that
/// user with a password, and in Kubernetes NetworkPolicies admit only the server's pods to Redis and PostgreSQL.
/// The files are read as text (no YAML library here): comment lines are skipped, and a command array
/// (<c>["redis-server", "--user", "default", "off"]</c>) is read like config lines (<c>user default off</c>).
/// </summary>
public sealed partial class DataAccessConfigTests
{
    private static readonly string Root = FindRoot();

    /// <summary>The networked deployments; infra/redis/redis.conf (loopback, tests and development) is not one.</summary>
    public static TheoryData<string> KnownRedisDeployments => new() { "infra/compose.yaml", "infra/k8s/redis.yaml" };

    [Theory]
    [MemberData(nameof(KnownRedisDeployments))]
    public void A_known_redis_deployment_is_among_the_checked_files(string path) =>
        Assert.Contains(path, RedisDeployments().Select(f => f.Path));

    [Fact]
    public void Every_shipped_redis_turns_the_default_user_off_and_has_an_acl_user_with_a_password()
    {
        var wrong = new List<string>();
        foreach (var (path, text) in RedisDeployments())
        {
            var words = Words(text);
            if (!DefaultUserOff().IsMatch(words))
            {
                wrong.Add($"{path}: the default user is not turned off (user default off)");
            }

            var users = AclUsers().Matches(words).Where(m => m.Groups["name"].Value != "default").ToList();
            if (users.Count == 0)
            {
                wrong.Add($"{path}: no ACL user with a password (user NAME on >PASSWORD ...)");
            }

            wrong.AddRange(users.Where(u => u.Value.Contains(" nopass", StringComparison.Ordinal)).Select(u => $"{path}: ACL user {u.Groups["name"].Value} has nopass"));
        }

        Assert.True(wrong.Count == 0, string.Join("; ", wrong));
    }

    [Fact]
    public void Every_node_connects_to_redis_as_the_acl_user_with_a_password()
    {
        var aclUsers = RedisDeployments().SelectMany(f => AclUsers().Matches(Words(f.Text)).Select(m => m.Groups["name"].Value)).Where(n => n != "default").ToHashSet();
        var configurations = ShippedYaml().SelectMany(f => RedisConfigurations(f.Text).Select(c => (f.Path, Value: c))).ToList();
        Assert.Contains(configurations, c => c.Path == "infra/compose.yaml");
        Assert.Contains(configurations, c => c.Path == "infra/k8s/server.yaml");
        var wrong = configurations
            .Where(c => !(Option(c.Value, "user") is { } user && aclUsers.Contains(user) && Option(c.Value, "password") is { Length: > 0 }))
            .Select(c => $"{c.Path}: Redis__Configuration '{c.Value}' lacks user=<an ACL user> and password=")
            .ToList();
        Assert.True(wrong.Count == 0, string.Join("; ", wrong));
    }

    [Theory]
    [InlineData("redis", 6379)]
    [InlineData("postgres", 5432)]
    public void A_network_policy_admits_only_the_server_pods_to(string app, int port)
    {
        Assert.Contains("networkpolicy.yaml", Code(File.ReadAllText(Path.Combine(Root, "infra/k8s/kustomization.yaml"))));
        var serverLabel = ServerPodLabel().Match(Code(File.ReadAllText(Path.Combine(Root, "infra/k8s/server.yaml"))));
        Assert.True(serverLabel.Success, "infra/k8s/server.yaml: no pod template label app: ...");

        var policies = Code(File.ReadAllText(Path.Combine(Root, "infra/k8s/networkpolicy.yaml")))
            .Split("\n---", StringSplitOptions.RemoveEmptyEntries)
            .Where(d => d.Contains("kind: NetworkPolicy", StringComparison.Ordinal))
            .Where(d => Regex.IsMatch(d, $@"podSelector:\s*\n\s*matchLabels:\s*\{{\s*app:\s*{app}\s*\}}"))
            .ToList();
        var policy = Assert.Single(policies);

        Assert.Matches(@"policyTypes:\s*\[\s*Ingress\s*\]", policy);
        var ingress = policy[policy.IndexOf("ingress:", StringComparison.Ordinal)..];
        var admitted = Regex.Matches(ingress, @"matchLabels:\s*\{\s*app:\s*(\S+?)\s*\}").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(new[] { serverLabel.Groups[1].Value }, admitted.Distinct());
        Assert.DoesNotContain("ipBlock", ingress, StringComparison.Ordinal);
        Assert.DoesNotContain("namespaceSelector", ingress, StringComparison.Ordinal);
        Assert.Equal(new[] { port.ToString(System.Globalization.CultureInfo.InvariantCulture) }, Regex.Matches(ingress, @"port:\s*(\d+)").Select(m => m.Groups[1].Value).Distinct());
    }

    [Fact]
    public void The_reader_takes_config_lines_and_command_arrays_alike()
    {
        const string array = """command: ["redis-server", "--user", "default", "off", "--user", "lc", "on", ">${P}", "~lc:*"]""";
        Assert.Matches(DefaultUserOff(), Words(array));
        Assert.Equal("lc", AclUsers().Match(Words(array)).Groups["name"].Value);
        Assert.Matches(DefaultUserOff(), Words("  user default off\n"));
        Assert.DoesNotMatch(DefaultUserOff(), Words("# user default off\n"));
        Assert.DoesNotMatch(AclUsers(), Words("user lc on nopass ~*"));
        Assert.Equal(new[] { "a:1,user=u,password=$(P)", "b:2,password=x" },
            RedisConfigurations("    Redis__Configuration: \"a:1,user=u,password=$(P)\"\n- name: Redis__Configuration\n  value: b:2,password=x\n# Redis__Configuration: c\n"));
        Assert.Equal("u", Option("a:1,user=u,password=p", "user"));
        Assert.Null(Option("a:1,password=p", "user"));
    }

    /// <summary>Files in infra/ that start a Redis container (its image), as RedisDurabilityConfigTests finds them.</summary>
    private static IEnumerable<(string Path, string Text)> RedisDeployments() =>
        ShippedYaml().Where(f => RedisImage().IsMatch(Code(f.Text)));

    private static IEnumerable<(string Path, string Text)> ShippedYaml() =>
        Directory.EnumerateFiles(Path.Combine(Root, "infra"), "*.y*ml", SearchOption.AllDirectories)
            .Select(f => (Path: Path.GetRelativePath(Root, f).Replace('\\', '/'), Text: File.ReadAllText(f)));

    /// <summary>The text without its comment lines.</summary>
    private static string Code(string text) =>
        string.Join('\n', text.Split('\n').Where(l => !l.TrimStart().StartsWith('#')));

    /// <summary>Code as one line of words: quotes, commas, brackets and the leading -- of arguments dropped.</summary>
    private static string Words(string text) =>
        Regex.Replace(Regex.Replace(Code(text), """["',\[\]]""", " ").Replace(" --", " ", StringComparison.Ordinal), @"\s+", " ");

    /// <summary>Each value given to Redis__Configuration: compose's <c>Redis__Configuration: VALUE</c> or a k8s env entry's next <c>value:</c>.</summary>
    private static List<string> RedisConfigurations(string text)
    {
        var lines = Code(text).Split('\n');
        var values = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var m = Regex.Match(lines[i], @"Redis__Configuration\s*:\s*(.+)$");
            var k8s = Regex.Match(lines[i], @"name:\s*Redis__Configuration\s*$");
            if (k8s.Success && i + 1 < lines.Length && Regex.Match(lines[i + 1], @"^\s*value:\s*(.+)$") is { Success: true } v)
            {
                values.Add(v.Groups[1].Value.Trim().Trim('"', '\''));
            }
            else if (m.Success && !k8s.Success)
            {
                values.Add(m.Groups[1].Value.Trim().Trim('"', '\''));
            }
        }

        return values;
    }

    private static string? Option(string configuration, string name) =>
        configuration.Split(',').Select(p => p.Trim()).Where(p => p.StartsWith(name + "=", StringComparison.OrdinalIgnoreCase))
            .Select(p => p[(name.Length + 1)..]).FirstOrDefault();

    [GeneratedRegex(@"(?:^|\s)user default off(?:\s|$)")]
    private static partial Regex DefaultUserOff();

    /// <summary>An ACL user that is on and has a password (>PASSWORD or #HASH) among its rules.</summary>
    [GeneratedRegex(@"(?:^|\s)user (?<name>[^\s>#~&%+-][^\s]*) on(?: (?![a-z]*user\b)[^\s]+)*? [>#][^\s]+")]
    private static partial Regex AclUsers();

    [GeneratedRegex("""image:\s*["']?(?:docker\.io/)?(?:library/|bitnami/)?redis(?:[:@"'\s]|$)""", RegexOptions.Multiline)]
    private static partial Regex RedisImage();

    [GeneratedRegex(@"template:\s*\n\s*metadata:\s*\n\s*labels:\s*\{\s*app:\s*(\S+?)\s*\}")]
    private static partial Regex ServerPodLabel();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LiveCommerce.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("LiveCommerce.sln not found above " + AppContext.BaseDirectory);
    }
}
