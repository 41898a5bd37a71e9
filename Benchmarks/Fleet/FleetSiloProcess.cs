using System.Diagnostics;
using System.Reflection;
using MultiAgent.Benchmarks.Cluster;
using MultiAgent.Runtime.Testing;

namespace MultiAgent.Benchmarks.Fleet;

/// <summary>
/// The production silo executable (<c>dotnet MultiAgent.Silo.dll</c>, built with this project) as a child process,
/// configured only through its documented <c>--MultiAgent:…</c> keys, so the fleet runs exactly as the main job runs
/// it (Silo/Configuration wires storage, clustering and the "fleet" Kafka provider). Ready when <c>/healthz</c> says so;
/// killed on dispose and if this process ends early.
/// </summary>
internal sealed class FleetSiloProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;
    private readonly ExitHook _exitHook;
    private readonly HttpClient _http;

    private FleetSiloProcess(ChildProcess process, int httpPort)
    {
        _process = process;
        _exitHook = new ExitHook(process.Kill);
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(2) };
    }

    /// <summary>Where the build put the silo executable (embedded into this assembly by Benchmarks.csproj).</summary>
    private static string SiloAssemblyPath =>
        typeof(FleetSiloProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == "MultiAgent.SiloAssemblyPath")?.Value
        ?? throw new InvalidOperationException("The benchmark assembly does not say where MultiAgent.Silo.dll is; build Benchmarks/Benchmarks.csproj, which references the Silo project.");

    public int ProcessId => _process.Id;

    /// <summary>Starts a silo with <paramref name="configuration"/> (keys such as <c>MultiAgent:Kafka:BootstrapServers</c>) and waits until it serves.</summary>
    public static async Task<FleetSiloProcess> StartAsync(string name, IReadOnlyDictionary<string, string> configuration, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var path = SiloAssemblyPath;
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{path} does not exist; build Benchmarks/Benchmarks.csproj (it builds the silo) first.");
        }

        var httpPort = RedisServerProcess.FreeLoopbackPort();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(path)!, // its content root: the shipped appsettings.json applies
        };
        start.ArgumentList.Add(path);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{httpPort}");
        start.ArgumentList.Add("--MultiAgent:Silo:SiloName");
        start.ArgumentList.Add(name);
        foreach (var (key, value) in configuration)
        {
            start.ArgumentList.Add($"--{key}");
            start.ArgumentList.Add(value);
        }

        var silo = new FleetSiloProcess(ChildProcess.Start(start, $"silo {name}"), httpPort);
        try
        {
            await silo.WaitUntilServingAsync(name, timeout, cancellationToken);
            return silo;
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _exitHook.Dispose();
        await _process.KillAndWaitAsync();
        _process.Dispose();
        _http.Dispose();
    }

    /// <summary>
    /// Its log's warnings and errors (the console formatter's <c>warn:</c>, <c>fail:</c> and <c>crit:</c> lines): a run
    /// that measured a silo struggling with errors must say so next to its figures.
    /// </summary>
    public IReadOnlyList<string> Problems() =>
        _process.Output.Split('\n').Where(line => line.StartsWith("warn:", StringComparison.Ordinal) || line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal)).ToList();

    /// <summary>Throws with the silo's last output if it has died (a crashed silo must not read as a slow one).</summary>
    public void ThrowIfExited()
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"The silo (pid {_process.Id}) exited with code {_process.ExitCode}:\n{LastLines()}");
        }
    }

    private async Task WaitUntilServingAsync(string name, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var elapsed = Stopwatch.StartNew();
        while (true)
        {
            ThrowIfExited();
            try
            {
                using var response = await _http.GetAsync("/healthz", cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Not listening yet.
            }

            if (elapsed.Elapsed > timeout)
            {
                throw new TimeoutException($"Silo {name} did not serve within {timeout.TotalSeconds} s:\n{LastLines()}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    private string LastLines() => string.Join('\n', _process.Output.Split('\n').TakeLast(40));
}
