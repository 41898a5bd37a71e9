using System.Runtime.InteropServices;

namespace MultiAgent.Benchmarks.Cluster;

/// <summary>
/// Runs an action if this process ends early: on a normal exit, and on a terminating signal, which does not raise
/// <see cref="AppDomain.ProcessExit"/> by itself. The signal is not cancelled: the process still ends. Only SIGKILL
/// gets past it.
/// </summary>
internal sealed class ExitHook : IDisposable
{
    private static readonly PosixSignal[] TerminatingSignals = [PosixSignal.SIGTERM, PosixSignal.SIGINT, PosixSignal.SIGQUIT, PosixSignal.SIGHUP];

    private readonly Action _onExit;
    private readonly EventHandler _onProcessExit;
    private readonly List<PosixSignalRegistration> _signals = [];
    private int _ran;

    public ExitHook(Action onExit)
    {
        _onExit = onExit;
        _onProcessExit = (_, _) => Run();
        AppDomain.CurrentDomain.ProcessExit += _onProcessExit;
        foreach (var signal in TerminatingSignals)
        {
            try
            {
                _signals.Add(PosixSignalRegistration.Create(signal, _ => Run()));
            }
            catch (PlatformNotSupportedException)
            {
                // Not every platform has every signal; ProcessExit still covers a normal exit.
            }
        }
    }

    public void Dispose()
    {
        AppDomain.CurrentDomain.ProcessExit -= _onProcessExit;
        foreach (var registration in _signals)
        {
            registration.Dispose();
        }

        _signals.Clear();
    }

    private void Run()
    {
        if (Interlocked.Exchange(ref _ran, 1) == 0)
        {
            _onExit();
        }
    }
}
