using System.Diagnostics;
using System.Net.Http.Json;
using System.Reflection;
using System.Runtime.InteropServices;
using MultiAgent.Runtime.Testing;
using Xunit.Abstractions;

namespace MultiAgent.Tests.Infrastructure;

/// <summary>
/// A real silo process (<c>dotnet MultiAgent.Silo.dll</c>, the build's own output) with the test grains
/// loaded, its health endpoint on a free loopback port, and its output kept for the test log. Disposing
/// kills it if it still runs and writes its output to the test output (shown when the test fails).
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private const int StartAttempts = 3;
    private const int SigTerm = 15;

    private readonly ChildProcess _process;
    private readonly ITestOutputHelper _log;
    private readonly HttpClient _http;

    private SiloProcess(string name, ChildProcess process, int httpPort, ITestOutputHelper log)
    {
        Name = name;
        _process = process;
        _log = log;
        HttpPort = httpPort;
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(5) };
    }

    /// <summary>Where the build put the silo executable (embedded into this assembly by Tests.csproj).</summary>
    public static string SiloAssemblyPath { get; } =
        typeof(SiloProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == "MultiAgent.SiloAssemblyPath")?.Value
        ?? throw new InvalidOperationException("The test assembly does not say where MultiAgent.Silo.dll is; build Tests/Tests.csproj, which references the Silo project.");

    /// <summary>The test grains, copied next to the test assembly by its project reference.</summary>
    public static string TestGrainsAssemblyPath { get; } = Path.Combine(AppContext.BaseDirectory, "MultiAgent.TestGrains.dll");

    /// <summary>The silo's name (<c>MultiAgent:Silo:SiloName</c>), as grains report it.</summary>
    public string Name { get; }

    public int ProcessId => _process.Id;

    public int HttpPort { get; }

    /// <summary>Its cluster address, from its health endpoint once started.</summary>
    public string? SiloAddress { get; private set; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Everything the process printed so far.</summary>
    public string Output => _process.Output;

    /// <summary>
    /// Starts a silo named <paramref name="name"/> with <paramref name="configuration"/> (keys such as
    /// <c>MultiAgent:Membership:ConnectionString</c>) and waits until its health endpoint says it serves.
    /// </summary>
    public static async Task<SiloProcess> StartAsync(
        string name, IReadOnlyDictionary<string, string> configuration, ITestOutputHelper log, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var silo = Start(name, configuration, log);
            try
            {
                await silo.WaitUntilServingAsync(cancellationToken);
                return silo;
            }
            catch (SiloExitedException) when (attempt < StartAttempts)
            {
                // Most likely another process took the free HTTP port first: try another.
                await silo.DisposeAsync();
            }
            catch
            {
                await silo.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>Starts a silo without waiting for it, e.g. to see it refuse a configuration.</summary>
    public static SiloProcess Start(string name, IReadOnlyDictionary<string, string> configuration, ITestOutputHelper log)
    {
        if (!File.Exists(SiloAssemblyPath))
        {
            throw new InvalidOperationException($"{SiloAssemblyPath} does not exist; build the solution (dotnet build MultiAgent.sln) first.");
        }

        var httpPort = RedisServer.FreeLoopbackPort();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            // The content root, where the silo's appsettings.json is.
            WorkingDirectory = Path.GetDirectoryName(SiloAssemblyPath)!,
        };
        start.ArgumentList.Add(SiloAssemblyPath);
        var arguments = new Dictionary<string, string>(configuration, StringComparer.OrdinalIgnoreCase)
        {
            ["urls"] = $"http://127.0.0.1:{httpPort}",
            ["MultiAgent:Silo:SiloName"] = name,
            ["Logging:Console:FormatterName"] = "simple",
            ["Logging:Console:FormatterOptions:SingleLine"] = "true",
            ["Logging:Console:FormatterOptions:TimestampFormat"] = "HH:mm:ss.fff ",
        };
        arguments.TryAdd("MultiAgent:Silo:GrainAssemblies:0", TestGrainsAssemblyPath);
        foreach (var (key, value) in arguments)
        {
            start.ArgumentList.Add($"--{key}");
            start.ArgumentList.Add(value);
        }

        return new SiloProcess(name, ChildProcess.Start(start, $"silo {name}"), httpPort, log);
    }

    /// <summary>Reads <c>/healthz</c>; null when the silo does not answer (yet, or any more).</summary>
    public async Task<SiloHealth?> GetHealthAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            // 503 (joining, shutting down) carries the same body.
            using var response = await _http.GetAsync("/healthz", cancellationToken);
            return await response.Content.ReadFromJsonAsync<SiloHealth>(cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private async Task WaitUntilServingAsync(CancellationToken cancellationToken)
    {
        var elapsed = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new SiloExitedException($"Silo {Name} exited with code {_process.ExitCode} before serving:\n{Output}");
            }

            if (await GetHealthAsync(cancellationToken) is { Status: "healthy" } health)
            {
                SiloAddress = health.SiloAddress;
                return;
            }

            if (elapsed.Elapsed > StartTimeout)
            {
                throw new TimeoutException($"Silo {Name} was not healthy within {StartTimeout.TotalSeconds} s:\n{Output}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }
    }

    /// <summary><c>kill -9</c>: no shutdown code runs, sockets close, heartbeats stop.</summary>
    public void Kill() => _process.Kill();

    /// <summary>SIGTERM, as a supervisor (systemd, Kubernetes) asks a process to stop gracefully.</summary>
    public void Terminate()
    {
        if (SendSignal(_process.Id, SigTerm) != 0)
        {
            throw new InvalidOperationException($"kill -TERM {_process.Id} failed with errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    /// <summary>Waits for the process to exit; false if it is still running after <paramref name="timeout"/>.</summary>
    public Task<bool> WaitForExitAsync(TimeSpan timeout) => _process.WaitForExitAsync(timeout);

    public async ValueTask DisposeAsync()
    {
        await _process.KillAndWaitAsync();
        _log.WriteLine($"--- silo {Name} (pid {_process.Id}, exit code {_process.ExitCode}) ---\n{Output}");
        _http.Dispose();
        _process.Dispose();
    }

    public override string ToString() => $"{Name} (pid {_process.Id}, {SiloAddress})";

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    private sealed class SiloExitedException(string message) : Exception(message);
}

/// <summary>The body of a silo's <c>/healthz</c>.</summary>
public sealed record SiloHealth(
    string Status,
    string Silo,
    string Cluster,
    int Activations,
    string? SiloAddress,
    int? GatewayPort,
    string? MembershipStatus,
    int? ActiveSilos);
