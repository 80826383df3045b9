using System.Text.RegularExpressions;

namespace LiveCommerce.UnitTests.Operations;

/// <summary>
/// ADR 0001 (docs/decisions/0001-aof-fsync.md) decided <c>appendonly yes</c> + <c>appendfsync always</c>
/// for the Redis that holds inventory and orders. Every deployment the repository ships (infra/:
/// redis.conf, the scripts, compose, k8s, and any compose file at the root) must say so, in config-file
/// form (<c>appendfsync always</c>) or on a command line (<c>--appendfsync always</c>), and every Redis it
/// starts must get both settings, from its own lines or from infra/redis/redis.conf.
/// </summary>
public sealed partial class RedisDurabilityConfigTests
{
    private static readonly string Root = FindRoot();

    /// <summary>Files that must be recognised as starting or configuring Redis: a rename must not make the rule match nothing.</summary>
    public static TheoryData<string> KnownRedisDeployments => new()
    {
        "infra/redis/redis.conf",
        "infra/redis.sh",
        "infra/compose.yaml",
        "infra/k8s/redis.yaml",
    };

    [Theory]
    [MemberData(nameof(KnownRedisDeployments))]
    public void A_known_redis_deployment_is_among_the_checked_files(string path) =>
        Assert.Contains(path, ShippedRedisFiles().Select(f => f.Path));

    [Fact]
    public void Every_shipped_redis_setting_is_appendonly_yes_and_appendfsync_always()
    {
        var wrong = ShippedFiles()
            .SelectMany(f => Settings(f.Text).Where(s => s.Value != Wanted[s.Key]).Select(s => $"{f.Path}: {s.Key} {s.Value}"))
            .ToList();
        Assert.True(wrong.Count == 0, "ADR 0001 wants appendonly yes + appendfsync always, but: " + string.Join("; ", wrong));
    }

    [Fact]
    public void Every_shipped_redis_gets_both_settings()
    {
        var files = ShippedRedisFiles().ToList();
        Assert.NotEmpty(files);
        var missing = files
            .Where(f => !UsesShippedRedisConf(f.Text))
            .SelectMany(f => Wanted.Keys.Where(k => !Settings(f.Text).Any(s => s.Key == k)).Select(k => $"{f.Path} starts Redis without {k}"))
            .ToList();
        Assert.True(missing.Count == 0, string.Join("; ", missing));
    }

    [Fact]
    public void The_parser_reads_config_lines_and_command_line_arguments_and_skips_comments()
    {
        // What the rules above rest on: config-file lines (also inside YAML), JSON arrays and shell arguments.
        Assert.Equal(
            new (string Key, string Value)[] { ("appendonly", "yes"), ("appendfsync", "always") },
            Settings("appendonly yes\n  appendfsync always\n# appendfsync everysec\n"));
        Assert.Equal(
            new (string Key, string Value)[] { ("appendonly", "yes"), ("appendfsync", "everysec") },
            Settings("command: [\"redis-server\", \"--appendonly\", \"yes\", \"--appendfsync\", \"everysec\"]"));
        Assert.Equal(new (string Key, string Value)[] { ("appendfsync", "no") }, Settings("redis-server --port 1 --appendfsync no &"));
        Assert.Empty(Settings("appendfilename \"appendonly.aof\""));
    }

    private static readonly Dictionary<string, string> Wanted = new() { ["appendonly"] = "yes", ["appendfsync"] = "always" };

    /// <summary>Every file a deployment is made from: infra/ and compose files at the root.</summary>
    private static IEnumerable<(string Path, string Text)> ShippedFiles() =>
        Directory.EnumerateFiles(Path.Combine(Root, "infra"), "*", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Root, "*compose*.y*ml", SearchOption.TopDirectoryOnly))
            .Select(f => (Path: Path.GetRelativePath(Root, f).Replace('\\', '/'), Text: File.ReadAllText(f)));

    /// <summary>The files that start a Redis or hold its configuration.</summary>
    private static IEnumerable<(string Path, string Text)> ShippedRedisFiles() =>
        ShippedFiles().Where(f => f.Path.EndsWith(".conf", StringComparison.Ordinal) && Settings(f.Text).Count > 0
            || RedisImage().IsMatch(f.Text)
            || StartsRedisServer().IsMatch(f.Text));

    /// <summary>A script that starts redis-server with infra/redis/redis.conf (checked on its own) gets the settings from it.</summary>
    private static bool UsesShippedRedisConf(string text) =>
        text.Contains("infra/redis/redis.conf", StringComparison.Ordinal) && StartsRedisServer().Matches(text).All(m => m.Value.Contains("$CONF", StringComparison.Ordinal));

    /// <summary>Each appendonly/appendfsync setting in the text, in order: config lines and command-line arguments, comments skipped.</summary>
    private static List<(string Key, string Value)> Settings(string text) =>
        text.Split('\n')
            .Where(line => !line.TrimStart().StartsWith('#'))
            .SelectMany(line => Setting().Matches(line).Select(m => (m.Groups["key"].Value, m.Groups["value"].Value)))
            .ToList();

    [GeneratedRegex("""(?:^\s*|--)(?<key>appendonly|appendfsync)["',\s]+(?<value>[a-z]+)""")]
    private static partial Regex Setting();

    [GeneratedRegex("""image:\s*["']?(?:docker\.io/)?(?:library/|bitnami/)?redis(?:[:@"'\s]|$)""", RegexOptions.Multiline)]
    private static partial Regex RedisImage();

    /// <summary>redis-server run as a command (a line starting with it, or a compose/k8s command array), not merely named.</summary>
    [GeneratedRegex("""(?:^[ \t]*|\[\s*")redis-server\b.*$""", RegexOptions.Multiline)]
    private static partial Regex StartsRedisServer();

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
