using Microsoft.Extensions.Logging;
using MultiAgent.Runtime.Invocation;
using MultiAgent.Runtime.Metadata;
using MultiAgent.Runtime.Storage;
using MultiAgent.Runtime.Timers;

namespace MultiAgent.Runtime.Activation;

/// <summary>
/// One activation of a grain: a serial executor on the thread pool. Everything the grain does —
/// activation, requests, timer ticks, and the continuations of its awaits (it is their
/// <see cref="SynchronizationContext"/>) — runs as a turn here, one turn at a time.
/// A request is admitted only when the grain is idle, unless the grain is reentrant or the
/// request may always interleave; waiting requests start in arrival order.
/// </summary>
internal sealed partial class ActivationData : SynchronizationContext, IThreadPoolWorkItem, IGrainContext
{
    // Work items per thread-pool dispatch before yielding the thread to other activations.
    private const int TurnBudget = 64;

    private readonly Lock _lock = new();
    private readonly GrainClassInfo _class;
    private readonly Catalog _catalog;
    private RingQueue<WorkItem> _ready;
    private RingQueue<IGrainMessage> _waiting;
    private ActivationState _state;

    // Admitted requests not yet completed; activation itself counts as one.
    private int _running = 1;
    private bool _scheduled;
    private bool _deactivationQueued;
    private volatile bool _abandoned;
    private long _lastActivityMs;
    private DeactivationReason _deactivationReason;
    private TaskCompletionSource? _deactivated;
    private List<GrainTimer>? _timers;
    private List<ILoadableState>? _states;
    private object? _grain;

    public ActivationData(GrainId grainId, GrainClassInfo grainClass, Catalog catalog)
    {
        GrainId = grainId;
        _class = grainClass;
        _catalog = catalog;
        _lastActivityMs = Environment.TickCount64;

        // Runs on the first schedule; a discarded duplicate from a racing GetOrAdd never runs.
        _ready.Enqueue(new WorkItem(WorkKind.Activate, null, null));
    }

    public GrainId GrainId { get; }

    public object? GrainInstance => _grain;

    public IServiceProvider ActivationServices => _catalog.Services;

    public IGrainFactory GrainFactory => _catalog.GrainFactory;

    internal GrainClassInfo GrainClass => _class;

    internal ActivationState State
    {
        get
        {
            lock (_lock)
            {
                return _state;
            }
        }
    }

    /// <summary>
    /// Queues a message. False if this activation is gone, in which case the caller asks the
    /// catalog again (it will find or create the next activation).
    /// </summary>
    public bool TryEnqueue(IGrainMessage message)
    {
        bool schedule;
        lock (_lock)
        {
            if (_state == ActivationState.Invalid)
            {
                return false;
            }

            if (CanStartNow(message))
            {
                _running++;
                _ready.Enqueue(new WorkItem(WorkKind.Message, message, null));
            }
            else
            {
                _waiting.Enqueue(message);
            }

            schedule = TryMarkScheduled();
        }

        if (schedule)
        {
            Schedule();
        }

        return true;
    }

    /// <summary>
    /// A tick during activation waits for it like any message (a timer registered in OnActivateAsync must not
    /// lose its first tick, which would stop it); once the activation is going away, ticks are dropped.
    /// </summary>
    internal bool TryEnqueueTick(GrainTimer timer)
    {
        lock (_lock)
        {
            if (_state is ActivationState.Deactivating or ActivationState.Invalid)
            {
                return false;
            }
        }

        return TryEnqueue(timer);
    }

    public override void Post(SendOrPostCallback callback, object? state)
    {
        bool schedule;
        lock (_lock)
        {
            _ready.Enqueue(new WorkItem(WorkKind.Continuation, callback, state));
            schedule = TryMarkScheduled();
        }

        if (schedule)
        {
            Schedule();
        }
    }

    public override SynchronizationContext CreateCopy() => this;

    void IThreadPoolWorkItem.Execute()
    {
        var previous = Current;
        SetSynchronizationContext(this);
        try
        {
            for (var i = 0; i < TurnBudget; i++)
            {
                WorkItem item;
                lock (_lock)
                {
                    if (!_ready.TryDequeue(out item))
                    {
                        _scheduled = false;
                        return;
                    }
                }

                RunTurn(item);
            }
        }
        finally
        {
            SetSynchronizationContext(previous);
        }

        // Budget spent with work left: go to the back of the thread pool's queue.
        Schedule();
    }

    private void RunTurn(in WorkItem item)
    {
        try
        {
            switch (item.Kind)
            {
                case WorkKind.Continuation:
                    ((SendOrPostCallback)item.Target!)(item.State);
                    break;
                case WorkKind.Message:
                    StartMessage((IGrainMessage)item.Target!);
                    break;
                case WorkKind.Activate:
                    _ = ActivateAsync();
                    break;
                case WorkKind.Deactivate:
                    _ = FinishDeactivationAsync();
                    break;
            }
        }
        catch (Exception e)
        {
            // Only an async-void continuation of grain code can get here.
            _catalog.Logger.LogError(e, "Unhandled exception in a turn of grain {GrainId}", GrainId);
        }
    }

    private void StartMessage(IGrainMessage message)
    {
        if (_abandoned)
        {
            message.Reject(AbandonedError());
            return;
        }

        if (message.DeadlineTimestamp < System.Diagnostics.Stopwatch.GetTimestamp())
        {
            // The caller has stopped waiting; running it now would only do work nobody sees.
            OnMessageCompleted(message);
            return;
        }

        var pending = message.InvokeAsync(this, _grain!);
        if (pending.IsCompleted)
        {
            OnMessageCompleted(message);
        }
        else
        {
            _ = AwaitMessage(pending, message);
        }
    }

    /// <summary>
    /// Called with what a grain method threw. An <see cref="InconsistentStateException"/> means storage holds
    /// newer state than this activation — a duplicate activation while silos' views disagreed, or one that
    /// outlived its silo's death: it must not go on deciding from stale state, so it deactivates (as in
    /// Orleans), and the caller's retry reaches an activation that reads the current state.
    /// </summary>
    internal void OnGrainMethodFailed(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is InconsistentStateException)
            {
                _catalog.Logger.LogWarning("Grain {GrainId} found newer state in storage than it held; deactivating it", GrainId);
                Deactivate(new DeactivationReason(DeactivationReasonCode.InconsistentState, e.Message));
                return;
            }
        }
    }

    private async ValueTask AwaitMessage(ValueTask pending, IGrainMessage message)
    {
        await pending;
        OnMessageCompleted(message);
    }

    private void OnMessageCompleted(IGrainMessage message)
    {
        bool schedule;
        lock (_lock)
        {
            _running--;
            if (message.KeepsAlive)
            {
                _lastActivityMs = Environment.TickCount64;
            }

            schedule = AfterRequestCompleted();
        }

        if (schedule)
        {
            Schedule();
        }
    }

    // Under the lock: start what may start now. True if the caller must schedule.
    private bool AfterRequestCompleted()
    {
        if (_state == ActivationState.Deactivating)
        {
            QueueDeactivationIfIdle();
        }
        else
        {
            AdmitWaiting();
        }

        return TryMarkScheduled();
    }

    // Under the lock.
    private bool CanStartNow(IGrainMessage message) =>
        _state == ActivationState.Valid
        && (_class.IsReentrant || message.IsInterleavable || (_running == 0 && _waiting.Count == 0));

    // Under the lock.
    private void AdmitWaiting()
    {
        while (_state == ActivationState.Valid && _waiting.Count > 0)
        {
            var next = _waiting.Peek();
            if (_running > 0 && !_class.IsReentrant && !next.IsInterleavable)
            {
                return;
            }

            _waiting.TryDequeue(out _);
            _running++;
            _ready.Enqueue(new WorkItem(WorkKind.Message, next, null));
        }
    }

    // Under the lock.
    private bool TryMarkScheduled()
    {
        if (_scheduled || _ready.Count == 0)
        {
            return false;
        }

        _scheduled = true;
        return true;
    }

    // The global queue, not the thread's local one: local work is taken LIFO, so a caller and its
    // callee would bounce on one thread while other activations starve (measured: calls timed out).
    private void Schedule() => ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);

    /// <summary>True if the activation has done nothing for at least <paramref name="ageMs"/> and has nothing to do.</summary>
    internal bool IsIdleFor(long nowMs, long ageMs)
    {
        lock (_lock)
        {
            return _state == ActivationState.Valid && _running == 0 && _waiting.Count == 0 && nowMs - _lastActivityMs >= ageMs;
        }
    }

    public override string ToString() => $"Activation {GrainId} ({_class.GrainClass.Name})";
}
