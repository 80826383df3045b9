using System.Globalization;
using System.Text;
using System.Text.Json;

namespace LiveCommerce.Benchmarks.Harness;

/// <summary>Prints a result as a table (systems as columns) and as one JSON line.</summary>
public static class Report
{
    public static string Table(ScenarioResult result)
    {
        var o = result.Options;
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"== {result.Scenario}: {result.Headline ?? $"{o.Viewers} viewers, {o.Nodes} node(s){(o.UsesRedis ? " + Redis" : "")}, {o.Seconds} s, {o.Rate} events/s + 1 update/s, {o.Protocol}"}{(o.Quick ? ", quick" : "")}");
        var names = result.Runs.SelectMany(r => r.Figures.Keys).Distinct().ToList();
        var width = Math.Max(20, names.Max(n => n.Length) + 2);
        var column = Math.Max(16, result.Runs.Max(r => r.System.Length) + 2);
        sb.Append("".PadRight(width));
        foreach (var run in result.Runs)
        {
            sb.Append(run.System.PadLeft(column));
        }

        sb.AppendLine();
        foreach (var name in names)
        {
            sb.Append(name.PadRight(width));
            foreach (var run in result.Runs)
            {
                sb.Append((run.Figures.TryGetValue(name, out var v) ? Format(v) : "-").PadLeft(column));
            }

            sb.AppendLine();
        }

        foreach (var (name, ratio) in result.Ratios)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"ratio {name}: {Format(ratio)}");
        }

        foreach (var (name, count) in result.Invariants)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"invariant {name}: {count} {(count == 0 ? "ok" : "VIOLATED")}");
        }

        foreach (var note in result.Notes)
        {
            sb.AppendLine("note: " + note);
        }

        return sb.ToString();
    }

    public static string JsonLine(ScenarioResult result)
    {
        var o = result.Options;
        var line = new Dictionary<string, object?>
        {
            ["scenario"] = result.Scenario,
            ["date"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["cores"] = Environment.ProcessorCount,
            ["options"] = new { o.Viewers, o.Nodes, o.Seconds, o.Rate, redis = o.UsesRedis, protocol = o.Protocol.ToString(), o.Quick },
            ["runs"] = result.Runs.ToDictionary(r => r.System, r => r.Figures.ToDictionary(f => f.Key, f => Round(f.Value))),
            ["ratios"] = result.Ratios.ToDictionary(r => r.Key, r => Round(r.Value)),
            ["invariants"] = result.Invariants,
            ["invariantsHold"] = result.InvariantsHold,
        };
        return JsonSerializer.Serialize(line);
    }

    private static double? Round(double v) => double.IsFinite(v) ? Math.Round(v, 3) : null;

    private static string Format(double v) =>
        !double.IsFinite(v) ? "n/a"
        : Math.Abs(v) >= 100 || v == Math.Floor(v) ? v.ToString("#,0", CultureInfo.InvariantCulture)
        : v.ToString("0.##", CultureInfo.InvariantCulture);
}
