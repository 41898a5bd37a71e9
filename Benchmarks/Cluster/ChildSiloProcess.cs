using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace MultiAgent.Benchmarks.Cluster;

/// <summary>
/// The parent's handle on a <c>silo-host</c> child (see <see cref="SiloHostMode"/>): this same executable, started
/// again. The child is tied to us three ways: we hold its stdin (closing it, or dying, stops it), it watches our
/// process id, and <see cref="DisposeAsync"/> kills it if it has not stopped within a few seconds.
/// </summary>
internal sealed class ChildSiloProcess : IAsyncDisposable
{
    private static readonly TimeSpan GracefulExitTimeout = TimeSpan.FromSeconds(8);

    private readonly Process _process;
    private readonly TaskCompletionSource<(string SiloAddress, int GatewayPort)> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ExitHook _exitHook;
    private int _activeSilos;

    private ChildSiloProcess(Process process)
    {
        _process = process;
        _exitHook = new ExitHook(Kill);
    }

    public string SiloAddress { get; private set; } = string.Empty;

    public int GatewayPort { get; private set; }

    public int ProcessId => _process.Id;

    /// <summary>Active silos in the child's last reported membership view.</summary>
    public int ActiveSilos => Volatile.Read(ref _activeSilos);

    /// <summary>Completes if the child ends, whatever the reason.</summary>
    public Task Exited => _exited.Task;

    public static async Task<ChildSiloProcess> StartAsync(string clusterId, string redisConnectionString, TimeSpan readyTimeout)
    {
        var start = CreateStartInfo();
        foreach (var argument in new[]
        {
            SiloHostMode.Name,
            "--cluster-id", clusterId,
            "--redis", redisConnectionString,
            "--parent-pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var child = new ChildSiloProcess(process);
        process.OutputDataReceived += (_, e) => child.OnOutput(e.Data);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine($"[silo-host] {e.Data}");
            }
        };
        process.Exited += (_, _) => child.OnExited();
        try
        {
            if (!process.Start())
            {
                throw new InvalidOperationException($"Could not start the silo-host process ({start.FileName}).");
            }
        }
        catch
        {
            child._exitHook.Dispose();
            process.Dispose();
            throw;
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var (address, gatewayPort) = await child._ready.Task.WaitAsync(readyTimeout);
            child.SiloAddress = address;
            child.GatewayPort = gatewayPort;
            return child;
        }
        catch (TimeoutException)
        {
            await child.DisposeAsync();
            throw new TimeoutException($"The silo-host process did not report ready within {readyTimeout.TotalSeconds} s.");
        }
        catch
        {
            await child.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _exitHook.Dispose();
        try
        {
            if (!_process.HasExited)
            {
                // End of its input is the child's cue to stop gracefully.
                _process.StandardInput.Close();
                using var wait = new CancellationTokenSource(GracefulExitTimeout);
                try
                {
                    await _process.WaitForExitAsync(wait.Token);
                }
                catch (OperationCanceledException)
                {
                    Console.Error.WriteLine($"[silo-host] did not stop within {GracefulExitTimeout.TotalSeconds} s; killing it.");
                    Kill();
                    await _process.WaitForExitAsync();
                }
            }
        }
        finally
        {
            Kill();
            _process.Dispose();
        }
    }

    private static ProcessStartInfo CreateStartInfo()
    {
        var processPath = Environment.ProcessPath ?? throw new InvalidOperationException("The path of this executable is unknown.");
        var start = new ProcessStartInfo(processPath)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // Run as 'dotnet Benchmarks.dll' rather than through the apphost: start the child the same way.
        if (Path.GetFileNameWithoutExtension(processPath).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            var entry = Assembly.GetEntryAssembly()?.Location;
            if (string.IsNullOrEmpty(entry))
            {
                throw new InvalidOperationException("Running under dotnet, but the entry assembly's path is unknown.");
            }

            start.ArgumentList.Add(entry);
        }

        return start;
    }

    private void OnOutput(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (line.StartsWith(SiloHostMode.ReadyPrefix, StringComparison.Ordinal))
        {
            var parts = line[SiloHostMode.ReadyPrefix.Length..].Split(' ');
            if (parts.Length == 2 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var port))
            {
                _ready.TrySetResult((parts[0], port));
            }
            else
            {
                _ready.TrySetException(new FormatException($"The silo-host process sent a malformed ready line: '{line}'."));
            }
        }
        else if (line.StartsWith(SiloHostMode.ViewPrefix, StringComparison.Ordinal)
            && int.TryParse(line.AsSpan(SiloHostMode.ViewPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var active))
        {
            Volatile.Write(ref _activeSilos, active);
        }
        else
        {
            Console.Error.WriteLine($"[silo-host] {line}");
        }
    }

    private void OnExited()
    {
        int? code = null;
        try
        {
            code = _process.ExitCode;
        }
        catch (InvalidOperationException)
        {
        }

        _ready.TrySetException(new InvalidOperationException($"The silo-host process exited (code {code}) before it was ready; see its output above."));
        _exited.TrySetResult();
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
            // Already gone, or never started.
        }
    }
}
