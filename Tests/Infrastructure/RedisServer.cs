using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MultiAgent.Tests.Infrastructure;

/// <summary>
/// A real redis-server process on a free loopback port, with no persistence and its own temp
/// directory; killed on dispose. As the "redis" collection fixture one server serves many test
/// classes (they keep apart by unique keys); start extra instances with <see cref="StartAsync"/>.
/// </summary>
public sealed class RedisServer : IAsyncLifetime, IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);
    private const int StartAttempts = 3;

    private Process? _process;
    private string? _directory;
    private int _port;

    /// <summary>Not started yet: xunit starts it through IAsyncLifetime; elsewhere use <see cref="StartAsync"/>.</summary>
    public RedisServer()
    {
    }

    public int Port => _process is null ? throw new InvalidOperationException("redis-server has not been started.") : _port;

    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>Starts a server on <paramref name="port"/>, or on a free port when null, and waits until it answers PING.</summary>
    public static async Task<RedisServer> StartAsync(int? port = null, CancellationToken cancellationToken = default)
    {
        var server = new RedisServer();
        await server.StartCoreAsync(port, cancellationToken);
        return server;
    }

    Task IAsyncLifetime.InitializeAsync() => StartCoreAsync(port: null, CancellationToken.None);

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    /// <summary>A loopback port nothing listens on (at the moment of the call).</summary>
    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        var process = _process;
        _process = null;
        if (process is not null)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync();
                }
            }
            catch (InvalidOperationException)
            {
                // Exited between the check and the kill.
            }

            process.Dispose();
        }

        if (_directory is not null)
        {
            TryDeleteDirectory(_directory);
            _directory = null;
        }
    }

    private async Task StartCoreAsync(int? port, CancellationToken cancellationToken)
    {
        if (_process is not null)
        {
            throw new InvalidOperationException("redis-server is already running.");
        }

        var executable = FindExecutable();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await StartOnceAsync(executable, port ?? FreeLoopbackPort(), cancellationToken);
                return;
            }
            catch (RedisServerExitedException) when (port is null && attempt < StartAttempts)
            {
                // Another process took the free port between our probe and redis binding it: try another.
            }
        }
    }

    private async Task StartOnceAsync(string executable, int port, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("multiagent-redis-").FullName;
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--bind", "127.0.0.1",
            "--save", string.Empty,
            "--appendonly", "no",
            "--dir", directory,
            "--daemonize", "no",
        })
        {
            start.ArgumentList.Add(argument);
        }

        _directory = directory;
        _port = port;
        _process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        var output = new ProcessOutput(_process);
        try
        {
            await WaitUntilAnsweringAsync(_process, output, cancellationToken);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    private async Task WaitUntilAnsweringAsync(Process process, ProcessOutput output, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new RedisServerExitedException(
                    $"redis-server on port {_port} exited with code {process.ExitCode} before answering PING:\n{output.Text}");
            }

            if (await AnswersPingAsync(cancellationToken))
            {
                return;
            }

            if (deadline.Elapsed > StartTimeout)
            {
                throw new TimeoutException($"redis-server on port {_port} did not answer PING within {StartTimeout.TotalSeconds} s:\n{output.Text}");
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
            await client.ConnectAsync(IPAddress.Loopback, _port, attempt.Token);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), attempt.Token);
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer, attempt.Token);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is SocketException or IOException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
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

        var path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Append("/usr/bin")
            .Append("/usr/local/bin")
            .Select(dir => Path.Combine(dir, "redis-server"))
            .FirstOrDefault(File.Exists);
        return path ?? throw new InvalidOperationException(
            "redis-server was not found (on PATH, /usr/bin or /usr/local/bin). Run scripts/test.sh, which installs the " +
            "redis-server OS package, or set MULTIAGENT_REDIS_SERVER to its path.");
    }

    private static void TryDeleteDirectory(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private sealed class RedisServerExitedException(string message) : Exception(message);

    /// <summary>Drains the server's output (a full pipe would stall it) and keeps the tail for error messages.</summary>
    private sealed class ProcessOutput
    {
        private const int KeptLines = 40;
        private readonly Queue<string> _lines = new();
        private readonly Lock _gate = new();

        public ProcessOutput(Process process)
        {
            process.OutputDataReceived += (_, e) => Add(e.Data);
            process.ErrorDataReceived += (_, e) => Add(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public string Text
        {
            get
            {
                lock (_gate)
                {
                    return string.Join('\n', _lines);
                }
            }
        }

        private void Add(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_gate)
            {
                _lines.Enqueue(line);
                if (_lines.Count > KeptLines)
                {
                    _lines.Dequeue();
                }
            }
        }
    }
}
