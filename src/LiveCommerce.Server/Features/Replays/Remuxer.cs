using System.Diagnostics;
using System.Text;

namespace LiveCommerce.Server.Features.Replays;

/// <summary>
/// FLV to MP4 with ffmpeg, stream copy: no transcode, so an hour of video takes seconds of one core.
/// <c>+faststart</c> puts the index first, so a browser starts playing (and seeks) before it has the whole file.
/// </summary>
public static class Remuxer
{
    /// <summary>ffmpeg's own complaint is kept, at most this long (a damaged file can make it print a line per packet).</summary>
    private const int MaxErrorChars = 4000;

    /// <summary>
    /// Writes <paramref name="mp4"/> whole or not at all (into a part file, renamed at the end).
    /// Returns null on success, else ffmpeg's errors. Throws when ffmpeg cannot be started at all:
    /// that is the server's configuration (<c>Video:FfmpegPath</c>), not a bad recording.
    /// </summary>
    public static async Task<string?> RemuxAsync(string ffmpeg, string flv, string mp4, CancellationToken ct)
    {
        var part = mp4 + ".part";
        var start = new ProcessStartInfo(ffmpeg) { RedirectStandardError = true, RedirectStandardOutput = true, RedirectStandardInput = true };
        foreach (var arg in new[] { "-nostdin", "-hide_banner", "-y", "-v", "error", "-i", flv, "-map", "0", "-c", "copy", "-movflags", "+faststart", "-f", "mp4", part })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {ffmpeg}.");
        // A node shutting down stops its remux; the recording stays pending and is remuxed again later.
        await using var kill = ct.Register(() =>
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
        });
        var errors = ReadCappedAsync(process.StandardError);
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        await process.WaitForExitAsync(CancellationToken.None);
        var message = await errors;
        await output;
        if (ct.IsCancellationRequested)
        {
            File.Delete(part);
            ct.ThrowIfCancellationRequested();
        }

        if (process.ExitCode != 0 || !File.Exists(part) || new FileInfo(part).Length == 0)
        {
            File.Delete(part);
            return message.Length > 0 ? message : $"ffmpeg exited with code {process.ExitCode} and wrote no MP4.";
        }

        File.Move(part, mp4, overwrite: true);
        return null;
    }

    /// <summary>Reads everything (so ffmpeg never blocks on a full pipe) but keeps only the start.</summary>
    private static async Task<string> ReadCappedAsync(StreamReader reader)
    {
        var kept = new StringBuilder();
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer, CancellationToken.None)) > 0)
        {
            kept.Append(buffer, 0, Math.Min(read, Math.Max(0, MaxErrorChars - kept.Length)));
        }

        return kept.ToString().Trim();
    }
}
