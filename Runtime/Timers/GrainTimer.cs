using Microsoft.Extensions.Logging;
using MultiAgent.Runtime.Activation;
using MultiAgent.Runtime.Invocation;

namespace MultiAgent.Runtime.Timers;

/// <summary>
/// A grain timer. Each tick is queued to the activation as a message, so it runs as a turn
/// (waiting for the current request unless it interleaves). The next tick is armed only after the
/// callback finishes, so ticks never overlap. Stops when disposed or when the activation deactivates.
/// </summary>
internal sealed class GrainTimer : IGrainTimer, IGrainMessage
{
    private readonly ActivationData _activation;
    private readonly Func<object?, CancellationToken, Task> _callback;
    private readonly object? _state;
    private readonly GrainTimerCreationOptions _options;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _disposed = new();
    private readonly Timer _timer;
    private TimeSpan _dueTime;
    private TimeSpan _period;
    private bool _ticking;
    private bool _changedDuringTick;

    public GrainTimer(ActivationData activation, Func<object?, CancellationToken, Task> callback, object? state, GrainTimerCreationOptions options, ILogger logger)
    {
        Validate(options.DueTime, options.Period);
        _activation = activation;
        _callback = callback;
        _state = state;
        _options = options;
        _logger = logger;
        _dueTime = options.DueTime;
        _period = options.Period;
        _timer = new Timer(static s => ((GrainTimer)s!).OnTimerFired(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public bool IsInterleavable => _options.Interleave;

    public bool KeepsAlive => _options.KeepAlive;

    public long DeadlineTimestamp => long.MaxValue;

    internal void Start() => Arm(_dueTime);

    public void Change(TimeSpan dueTime, TimeSpan period)
    {
        Validate(dueTime, period);
        lock (_timer)
        {
            _dueTime = dueTime;
            _period = period;
            if (_ticking)
            {
                _changedDuringTick = true;
                return;
            }
        }

        Arm(dueTime);
    }

    private void OnTimerFired()
    {
        if (!_disposed.IsCancellationRequested)
        {
            _activation.TryEnqueueTick(this);
        }
    }

    public async ValueTask InvokeAsync(ActivationData activation, object grain)
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        lock (_timer)
        {
            _ticking = true;
        }

        try
        {
            await _callback(_state, _disposed.Token);
        }
        catch (Exception e) when (!_disposed.IsCancellationRequested)
        {
            _logger.LogError(e, "Timer callback of grain {GrainId} failed; the timer keeps running", activation.GrainId);
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            TimeSpan next;
            lock (_timer)
            {
                _ticking = false;
                next = _changedDuringTick ? _dueTime : _period;
                _changedDuringTick = false;
            }

            Arm(next);
        }
    }

    // A tick that could not run (the activation is going away) is simply dropped.
    public void Reject(Exception reason)
    {
    }

    private void Arm(TimeSpan dueTime)
    {
        if (_disposed.IsCancellationRequested || dueTime == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        try
        {
            _timer.Change(dueTime, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // Disposed concurrently: nothing more to arm.
        }
    }

    public void Dispose()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        _disposed.Cancel();
        _timer.Dispose();
        _activation.RemoveTimer(this);
    }

    private static void Validate(TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime < TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(dueTime), dueTime, "A timer's due time must be zero or positive, or infinite.");
        }

        if (period <= TimeSpan.Zero && period != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "A timer's period must be positive, or infinite for a single tick.");
        }
    }
}
