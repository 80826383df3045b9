using System.Diagnostics;
using System.Globalization;

namespace LiveCommerce.TestKit.Processes;

/// <summary>What a media file is, as Debian's ffprobe reads it: the judge of what was recorded, independent of the server's code.</summary>
public static class MediaProbe
{
    /// <summary>The container's duration and its format names (e.g. "mov,mp4,m4a,3gp,3g2,mj2").</summary>
    public static async Task<(TimeSpan Duration, string Format)> ProbeAsync(string path)
    {
        var start = new ProcessStartInfo("ffprobe") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-v", "error", "-show_entries", "format=duration,format_name", "-of", "default=noprint_wrappers=1", path })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffprobe could not read {path}: {await errors}");
        }

        var fields = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        return (TimeSpan.FromSeconds(double.Parse(fields["duration"], CultureInfo.InvariantCulture)), fields["format_name"]);
    }
}
