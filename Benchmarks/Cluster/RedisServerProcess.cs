using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MultiAgent.Benchmarks.Cluster;

/// <summary>
/// A throw-away redis-server for the cluster's membership table: a free loopback port, no persistence, its own
/// temporary directory; killed on dispose.
/// </summary>
internal sealed class RedisServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);

    private readonly Process _process;
    private readonly string _directory;
    private readonly StringBuilder _output = new();
    private readonly ExitHook _exitHook;

    private RedisServerProcess(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;

        // A benchmark stopped by a signal still takes its server down; only SIGKILL leaves it behind.
        _exitHook = new ExitHook(Kill);
    }

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisServerProcess> StartAsync(CancellationToken cancellationToken = default)
    {
        var executable = FindExecutable();
        for (var attempt = 1; ; attempt++)
        {
            var server = Launch(executable, FreeLoopbackPort());
            try
            {
                await server.WaitUntilAnsweringAsync(cancellationToken);
                return server;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // Exited early: most likely another process took the port between the probe and the bind.
                await server.DisposeAsync();
            }
            catch
            {
                await server.DisposeAsync();
                throw;
            }
        }
    }

    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        _exitHook.Dispose();
        Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    private void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // It exited between the check and the kill.
        }
    }

    private static RedisServerProcess Launch(string executable, int port)
    {
        var directory = Directory.CreateTempSubdirectory("multiagent-bench-redis-").FullName;
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--port", port.ToString(CultureInfo.InvariantCulture),
            "--bind", "127.0.0.1",
            "--save", string.Empty,
            "--appendonly", "no",
            "--dir", directory,
            "--daemonize", "no",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        var server = new RedisServerProcess(process, directory, port);

        // Drained, or a full pipe would stall the server; kept for the error message if it dies.
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            if (_output.Length < 8_000)
            {
                _output.AppendLine(line);
            }
        }
    }

    private async Task WaitUntilAnsweringAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                string output;
                lock (_output)
                {
                    output = _output.ToString();
                }

                throw new InvalidOperationException($"redis-server on port {Port} exited with code {_process.ExitCode} before answering PING:\n{output}");
            }

            if (await AnswersPingAsync(cancellationToken))
            {
                return;
            }

            if (watch.Elapsed > StartTimeout)
            {
                throw new TimeoutException($"redis-server on port {Port} did not answer PING within {StartTimeout.TotalSeconds} s.");
            }

            await Task.Delay(20, cancellationToken);
        }
    }

    private async Task<bool> AnswersPingAsync(CancellationToken cancellationToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(TimeSpan.FromSeconds(1));
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port, attempt.Token);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), attempt.Token);
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer, attempt.Token);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is SocketException or IOException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }

    private static string FindExecutable()
    {
        var overridden = Environment.GetEnvironmentVariable("MULTIAGENT_REDIS_SERVER");
        if (!string.IsNullOrEmpty(overridden))
        {
            return File.Exists(overridden)
                ? overridden
                : throw new InvalidOperationException($"MULTIAGENT_REDIS_SERVER points at {overridden}, which does not exist.");
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Append("/usr/bin")
            .Append("/usr/local/bin")
            .Select(dir => Path.Combine(dir, "redis-server"))
            .FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                "The cluster benchmarks need redis-server (the OS package) on PATH, /usr/bin or /usr/local/bin, or MULTIAGENT_REDIS_SERVER set to its path.");
    }
}
