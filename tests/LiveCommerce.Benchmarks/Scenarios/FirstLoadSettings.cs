using System.Globalization;

namespace LiveCommerce.Benchmarks.Scenarios;

/// <summary>
/// The <c>firstload</c> scenario's own arguments: <c>--url URL [--runs N] [--down KBPS] [--up KBPS] [--rtt MS]
/// [--cpu X] [--buy CSS] [--timeout S] [-v]</c>. The defaults are a mid-range phone on a mobile network
/// (issue 26): 1.6 Mbps down, 750 kbps up, 150 ms round trip, CPU 4× slower than this machine.
/// </summary>
public sealed record FirstLoadSettings
{
    /// <summary>
    /// What "interactive" waits for: the watch page's Buy for the pinned product, rendered by Blazor and
    /// enabled. Since issue 26, the stage's <c>stage-buy</c> over the video (a guest's opens the sheet).
    /// Before, the pinned product's buy-now panel (<c>item-buy</c> inside <c>pinned-product</c>), or, when
    /// a flash sale on it is featured (the demo's), the sale banner's <c>buy</c> — for a guest its
    /// <c>sign-in-to-buy</c>. None is in the server's first screen.
    /// </summary>
    public const string DefaultBuy =
        "[data-testid=stage-buy]:not([disabled]):not([data-sold-out]), [data-testid=pinned-product] [data-testid=item-buy]:not([disabled]), "
        + "[data-testid=flash-sale] [data-testid=buy]:not([disabled]), [data-testid=flash-sale] [data-testid=sign-in-to-buy]";

    public required Uri Url { get; init; }

    public int Runs { get; init; } = 5;

    public int DownKbps { get; init; } = 1600;

    public int UpKbps { get; init; } = 750;

    public int RttMs { get; init; } = 150;

    public double CpuSlowdown { get; init; } = 4;

    public string BuySelector { get; init; } = DefaultBuy;

    /// <summary>How long one visit may take to become interactive before it counts as timed out.</summary>
    public int TimeoutSeconds { get; init; } = 90;

    /// <summary>Print the first cold visit's resources, largest first.</summary>
    public bool Verbose { get; init; }

    /// <summary>DevTools wants throughput in bytes per second (kbps are 1,000 bits).</summary>
    public double DownBytesPerSecond => DownKbps * 1000.0 / 8;

    public double UpBytesPerSecond => UpKbps * 1000.0 / 8;

    /// <summary>The run's hard bound: every visit timing out, cold and repeat, plus starting the browser.</summary>
    public TimeSpan Bound => TimeSpan.FromSeconds(60 + (Runs * 2 * (TimeoutSeconds + 10)));

    public string Profile => string.Create(CultureInfo.InvariantCulture,
        $"{DownKbps / 1000.0:0.###} Mbps down, {UpKbps} kbps up, {RttMs} ms RTT, CPU {CpuSlowdown:0.#}× slower");

    public static FirstLoadSettings Parse(IReadOnlyList<string> args)
    {
        Uri? url = null;
        var s = new FirstLoadSettings { Url = new Uri("http://127.0.0.1/") };
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--url":
                    url = Uri.TryCreate(Value(args, ++i), UriKind.Absolute, out var u) && u.Scheme is "http" or "https"
                        ? u : throw new ArgumentException("--url needs an absolute http(s) address, e.g. http://127.0.0.1:5090/watch/demo-live.");
                    break;
                case "--runs": s = s with { Runs = Int(args, ++i, 1, 50) }; break;
                case "--down": s = s with { DownKbps = Int(args, ++i, 1, 10_000_000) }; break;
                case "--up": s = s with { UpKbps = Int(args, ++i, 1, 10_000_000) }; break;
                case "--rtt": s = s with { RttMs = Int(args, ++i, 0, 10_000) }; break;
                case "--cpu": s = s with { CpuSlowdown = Int(args, ++i, 1, 20) }; break;
                case "--timeout": s = s with { TimeoutSeconds = Int(args, ++i, 5, 600) }; break;
                case "--buy": s = s with { BuySelector = Value(args, ++i) }; break;
                case "-v" or "--verbose": s = s with { Verbose = true }; break;
                default: throw new ArgumentException($"firstload does not know '{args[i]}'.");
            }
        }

        return url is null
            ? throw new ArgumentException("firstload needs --url: the page of a server started separately (docs/BENCHMARKS.md, \"firstload\").")
            : s with { Url = url };
    }

    private static string Value(IReadOnlyList<string> args, int i) =>
        i < args.Count && !string.IsNullOrWhiteSpace(args[i]) ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value.");

    private static int Int(IReadOnlyList<string> args, int i, int min, int max)
    {
        if (i >= args.Count || !int.TryParse(args[i], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new ArgumentException($"{args[i - 1]} needs a whole number from {min} to {max}.");
        }

        return value;
    }
}

/// <summary>Median and range of a few runs; the median of an even count is the mean of the middle two.</summary>
public readonly record struct Spread(double Median, double Min, double Max)
{
    public static Spread Of(IEnumerable<double> values)
    {
        var sorted = values.Where(double.IsFinite).Order().ToArray();
        if (sorted.Length == 0)
        {
            return new Spread(double.NaN, double.NaN, double.NaN);
        }

        var mid = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        return new Spread(median, sorted[0], sorted[^1]);
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Median:#,0} ({Min:#,0}–{Max:#,0})");
}
