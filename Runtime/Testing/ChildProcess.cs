using System.ComponentModel;
using System.Diagnostics;

namespace MultiAgent.Runtime.Testing;

/// <summary>
/// A child process for tests and benchmarks (a redis-server, a silo) whose stdout and stderr are drained, since a
/// full pipe would stall it, and kept for error messages and test logs.
/// </summary>
public sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly int _keptLines;
    private readonly Queue<string> _lines = new();
    private readonly Lock _gate = new();

    private ChildProcess(Process process, int keptLines)
    {
        _process = process;
        _keptLines = keptLines;
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>What it printed (stdout and stderr interleaved): everything, or the last lines kept.</summary>
    public string Output
    {
        get
        {
            lock (_gate)
            {
                return string.Join('\n', _lines);
            }
        }
    }

    /// <summary>
    /// Starts <paramref name="start"/> with its output redirected, keeping the last <paramref name="keptLines"/>
    /// lines; <paramref name="name"/> names it in the error if it cannot start.
    /// </summary>
    public static ChildProcess Start(ProcessStartInfo start, string name, int keptLines = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(keptLines);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {name}.");
        var child = new ChildProcess(process, keptLines);
        process.OutputDataReceived += (_, e) => child.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => child.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary><c>kill -9</c> of it and its children; nothing if it has exited already.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception)
        {
            // It exited between the check and the kill.
        }
    }

    /// <summary>Kills it if it still runs and waits until it has exited.</summary>
    public async Task KillAndWaitAsync()
    {
        if (!_process.HasExited)
        {
            Kill();
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>Waits for it to exit; false if it is still running after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Releases the handle only: callers stop the process first (<see cref="KillAndWaitAsync"/>).</summary>
    public void Dispose() => _process.Dispose();

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _lines.Enqueue(line);
            if (_lines.Count > _keptLines)
            {
                _lines.Dequeue();
            }
        }
    }
}
