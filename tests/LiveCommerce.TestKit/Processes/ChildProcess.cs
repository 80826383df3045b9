using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace LiveCommerce.TestKit.Processes;

/// <summary>What every server a test starts itself (Azurite, nginx, the SMTP sink) needs: quiet output and a wait for its port.</summary>
public static class ChildProcess
{
    /// <summary>Starts it with its output read and dropped, so a full pipe never blocks it.</summary>
    public static Process StartQuiet(ProcessStartInfo start)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>True once 127.0.0.1:<paramref name="port"/> accepts a connection; false if the process exits or <paramref name="patience"/> runs out.</summary>
    public static async Task<bool> ListensAsync(Process process, int port, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        return false;
    }
}
