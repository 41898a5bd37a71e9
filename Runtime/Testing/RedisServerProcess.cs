using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MultiAgent.Runtime.Testing;

/// <summary>
/// A real redis-server for tests and benchmarks: on a loopback port, with no persistence and its own temporary
/// directory; ready once it answers PING, killed on dispose.
/// </summary>
public sealed class RedisServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);
    private const int StartAttempts = 3;
    private const int KeptOutputLines = 40;

    private readonly ChildProcess _process;
    private readonly string _directory;
    private readonly IDisposable? _exitGuard;

    private RedisServerProcess(ChildProcess process, string directory, int port, Func<Action, IDisposable>? killOnExit)
    {
        _process = process;
        _directory = directory;
        Port = port;
        _exitGuard = killOnExit?.Invoke(process.Kill);
    }

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>Starts a server as <paramref name="options"/> say and waits until it answers PING.</summary>
    public static async Task<RedisServerProcess> StartAsync(RedisServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new RedisServerOptions();
        var executable = FindExecutable(options.NotFoundMessage);
        for (var attempt = 1; ; attempt++)
        {
            var server = Launch(executable, options.Port ?? FreeLoopbackPort(), options.KillOnExit);
            try
            {
                await server.WaitUntilAnsweringAsync(cancellationToken);
                return server;
            }
            catch (RedisServerExitedException) when (options.Port is null && attempt < StartAttempts)
            {
                // Another process took the free port between our probe and redis binding it: try another.
                await server.DisposeAsync();
            }
            catch
            {
                await server.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>A loopback port nothing listens on (at the moment of the call).</summary>
    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        _exitGuard?.Dispose();
        await _process.KillAndWaitAsync();
        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A temp directory left behind is harmless.
        }
    }

    private static RedisServerProcess Launch(string executable, int port, Func<Action, IDisposable>? killOnExit)
    {
        var directory = Directory.CreateTempSubdirectory("multiagent-redis-").FullName;
        var start = new ProcessStartInfo(executable);
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

        return new RedisServerProcess(ChildProcess.Start(start, executable, KeptOutputLines), directory, port, killOnExit);
    }

    private async Task WaitUntilAnsweringAsync(CancellationToken cancellationToken)
    {
        var elapsed = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new RedisServerExitedException(
                    $"redis-server on port {Port} exited with code {_process.ExitCode} before answering PING:\n{_process.Output}");
            }

            if (await AnswersPingAsync(cancellationToken))
            {
                return;
            }

            if (elapsed.Elapsed > StartTimeout)
            {
                throw new TimeoutException($"redis-server on port {Port} did not answer PING within {StartTimeout.TotalSeconds} s:\n{_process.Output}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
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

    private static string FindExecutable(string notFoundMessage)
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
            ?? throw new InvalidOperationException(notFoundMessage);
    }

    /// <summary>Exited before answering: with a free port most likely lost to another process, so worth a retry.</summary>
    private sealed class RedisServerExitedException(string message) : InvalidOperationException(message);
}
