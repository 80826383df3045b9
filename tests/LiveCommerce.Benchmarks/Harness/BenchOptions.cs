using System.Globalization;
using LiveCommerce.Simulator;

namespace LiveCommerce.Benchmarks.Harness;

/// <summary>
/// <c>&lt;scenario&gt; [--viewers N] [--nodes 1|2] [--seconds S] [--rate R] [--units U] [--redis] [--msgpack] [--no-baseline] [--quick]</c>.
/// Quick mode shrinks whatever was not given explicitly (50 viewers, 3 s, 5 events/s). Scenarios
/// with other defaults (comments: 50 comments/s; flashsale: 5,000 buyers) check the *Given flags.
/// </summary>
public sealed record BenchOptions
{
    public required string Scenario { get; init; }

    /// <summary>Simultaneous viewers in the stream.</summary>
    public int Viewers { get; init; } = 2000;

    /// <summary>Server nodes; 2 means a Redis backplane.</summary>
    public int Nodes { get; init; } = 1;

    /// <summary>How long events are published.</summary>
    public int Seconds { get; init; } = 10;

    /// <summary>
    /// Small sequenced events per second, on top of one handler-driven stream update a second. The
    /// design coalesces high-rate state (stock, viewer counts) to a few frames a second per stream, so 5.
    /// </summary>
    public double Rate { get; init; } = 5;

    /// <summary>Real Redis adapters even on one node.</summary>
    public bool Redis { get; init; }

    /// <summary>
    /// What our viewers speak: JSON, as the web client does (<c>--msgpack</c> for MessagePack, as .NET
    /// clients do, and the web client did before 2026-12-08: results recorded before then used it).
    /// The plain hub's viewers always speak JSON, as in the chat sample.
    /// </summary>
    public WireProtocol Protocol { get; init; } = WireProtocol.Json;

    public bool Baseline { get; init; } = true;

    /// <summary>Units on sale (flashsale).</summary>
    public int Units { get; init; } = 500;

    /// <summary>Whether --viewers / --rate / --seconds / --units were given, so a scenario may use its own default otherwise.</summary>
    public bool ViewersGiven { get; init; }

    public bool RateGiven { get; init; }

    public bool SecondsGiven { get; init; }

    public bool UnitsGiven { get; init; }

    public bool Quick { get; init; }

    /// <summary>Arguments passed through untouched (BenchmarkDotNet's, for <c>micro</c>).</summary>
    public IReadOnlyList<string> Rest { get; init; } = [];

    public bool UsesRedis => Redis || Nodes > 1;

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || args[0].StartsWith('-'))
        {
            throw new ArgumentException("Name a scenario first.");
        }

        var o = new BenchOptions { Scenario = args[0] };
        bool viewers = false, seconds = false, rate = false, units = false;
        var rest = new List<string>();
        for (var i = 1; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--viewers": o = o with { Viewers = Int(args, ++i, 1, 50_000) }; viewers = true; break;
                case "--nodes": o = o with { Nodes = Int(args, ++i, 1, 2) }; break;
                case "--seconds": o = o with { Seconds = Int(args, ++i, 1, 3600) }; seconds = true; break;
                case "--rate": o = o with { Rate = Int(args, ++i, 1, 10_000) }; rate = true; break;
                case "--units": o = o with { Units = Int(args, ++i, 1, 1_000_000) }; units = true; break;
                case "--redis": o = o with { Redis = true }; break;
                case "--json": o = o with { Protocol = WireProtocol.Json }; break;
                case "--msgpack": o = o with { Protocol = WireProtocol.MessagePack }; break;
                case "--no-baseline": o = o with { Baseline = false }; break;
                case "--quick": o = o with { Quick = true }; break;
                default: rest.Add(args[i]); break;
            }
        }

        if (o.Quick)
        {
            o = o with
            {
                Viewers = viewers ? o.Viewers : 50,
                Seconds = seconds ? o.Seconds : 3,
                Rate = rate ? o.Rate : 5,
            };
        }

        return o with { Rest = rest, ViewersGiven = viewers, RateGiven = rate, SecondsGiven = seconds, UnitsGiven = units };
    }

    private static int Int(IReadOnlyList<string> args, int i, int min, int max)
    {
        if (i >= args.Count || !int.TryParse(args[i], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new ArgumentException($"{args[i - 1]} needs a whole number from {min} to {max}.");
        }

        return value;
    }
}
