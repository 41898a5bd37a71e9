using Microsoft.Extensions.Logging;
using MultiAgent.Runtime.Invocation;
using MultiAgent.Runtime.Storage;
using MultiAgent.Runtime.Timers;

namespace MultiAgent.Runtime.Activation;

/// <summary>Activation and deactivation: construct, load state, OnActivateAsync; later OnDeactivateAsync, stop timers, leave the catalog.</summary>
internal sealed partial class ActivationData
{
    /// <summary>Completes when the activation has left the catalog.</summary>
    public Task Deactivated
    {
        get
        {
            lock (_lock)
            {
                if (_state == ActivationState.Invalid)
                {
                    return Task.CompletedTask;
                }

                _deactivated ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                return _deactivated.Task;
            }
        }
    }

    private async Task ActivateAsync()
    {
        if (_abandoned)
        {
            return;
        }

        try
        {
            _grain = ConstructGrain();
            if (_states is not null)
            {
                foreach (var state in _states)
                {
                    await state.LoadAsync(CancellationToken.None);
                }
            }

            if (_grain is Grain grain)
            {
                await grain.OnActivateAsync(CancellationToken.None);
            }
        }
        catch (Exception e)
        {
            FailActivation(e);
            return;
        }

        bool schedule;
        lock (_lock)
        {
            _running--;
            _lastActivityMs = Environment.TickCount64;
            if (_state == ActivationState.Activating)
            {
                _state = ActivationState.Valid;
            }

            schedule = AfterRequestCompleted();
        }

        if (schedule)
        {
            Schedule();
        }
    }

    private object ConstructGrain()
    {
        var constructor = _class.Constructor ??= GrainConstructorFactory.Build(_class.GrainClass);
        var previous = RuntimeContext.SetConstructing(this);
        try
        {
            return constructor(_catalog.Services, this);
        }
        finally
        {
            RuntimeContext.SetConstructing(previous);
        }
    }

    private void FailActivation(Exception error)
    {
        _catalog.Logger.LogError(error, "Activation of grain {GrainId} ({GrainClass}) failed", GrainId, _class.GrainClass.Name);
        _catalog.Remove(this);
        List<IGrainMessage> rejected;
        lock (_lock)
        {
            _state = ActivationState.Invalid;
            rejected = _waiting.DrainAll();
        }

        var reason = new GrainCallException(
            GrainId,
            "activation",
            $"Activation of grain {GrainId} ({_class.GrainClass.Name}) failed: {error.GetType().Name}: {error.Message}",
            error);
        foreach (var message in rejected)
        {
            message.Reject(reason);
        }

        DisposeTimers();
        _deactivated?.TrySetResult();
    }

    /// <summary>
    /// The silo was declared dead (or killed in a test): the grain lives elsewhere now, so no more of its code may
    /// run here. From now on no request, activation or deactivation starts and no timer ticks; waiting calls are
    /// refused as retryable, so their callers go to the new owner. A turn already running finishes.
    /// </summary>
    public void Abandon()
    {
        List<IGrainMessage> waiting;
        lock (_lock)
        {
            _abandoned = true;
            _state = ActivationState.Invalid;
            waiting = _waiting.DrainAll();
        }

        DisposeTimers();
        foreach (var message in waiting)
        {
            message.Reject(AbandonedError());
        }

        _deactivated?.TrySetResult();
    }

    private SiloUnavailableException AbandonedError() => new($"Grain {GrainId} was abandoned here: its silo was declared dead.");

    /// <summary>Starts deactivation: no new requests start; once in-flight ones finish, the grain's OnDeactivateAsync runs.</summary>
    public void Deactivate(DeactivationReason reason)
    {
        bool schedule;
        lock (_lock)
        {
            if (_state is ActivationState.Deactivating or ActivationState.Invalid)
            {
                return;
            }

            _state = ActivationState.Deactivating;
            _deactivationReason = reason;
            QueueDeactivationIfIdle();
            schedule = TryMarkScheduled();
        }

        if (schedule)
        {
            Schedule();
        }
    }

    // Under the lock.
    private void QueueDeactivationIfIdle()
    {
        if (_running == 0 && !_deactivationQueued)
        {
            _deactivationQueued = true;
            _ready.Enqueue(new WorkItem(WorkKind.Deactivate, null, null));
        }
    }

    private async Task FinishDeactivationAsync()
    {
        if (_abandoned)
        {
            return; // no OnDeactivateAsync: its state may already be newer elsewhere
        }

        DisposeTimers();
        if (_grain is Grain grain)
        {
            var timeout = _catalog.CollectionOptions.DeactivationTimeout;
            using var cancellation = new CancellationTokenSource(timeout);
            try
            {
                await grain.OnDeactivateAsync(_deactivationReason, cancellation.Token).WaitAsync(timeout);
            }
            catch (Exception e)
            {
                _catalog.Logger.LogError(e, "OnDeactivateAsync of grain {GrainId} failed ({Reason})", GrainId, _deactivationReason);
            }
        }

        // Leave the catalog before turning invalid: a sender refused from here then finds the next activation.
        _catalog.Remove(this);
        List<IGrainMessage> waiting;
        lock (_lock)
        {
            _state = ActivationState.Invalid;
            waiting = _waiting.DrainAll();
        }

        foreach (var message in waiting)
        {
            // Calls move on to the next activation; this activation's timer ticks die with it.
            if (message is GrainTimer)
            {
                message.Reject(new SiloUnavailableException($"Grain {GrainId} deactivated."));
            }
            else
            {
                _catalog.Dispatch(message, GrainId);
            }
        }

        _catalog.Logger.LogDebug("Deactivated grain {GrainId}: {Reason}", GrainId, _deactivationReason);
        _deactivated?.TrySetResult();
    }

    void IGrainContext.DeactivateOnIdle() =>
        Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "DeactivateOnIdle was called."));

    IGrainTimer IGrainContext.RegisterGrainTimer(Func<object?, CancellationToken, Task> callback, object? state, GrainTimerCreationOptions options)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new GrainTimer(this, callback, state, options, _catalog.Logger);
        lock (_lock)
        {
            if (_state is ActivationState.Deactivating or ActivationState.Invalid)
            {
                throw new InvalidOperationException($"Grain {GrainId} is deactivating; it cannot register a timer.");
            }

            (_timers ??= []).Add(timer);
        }

        timer.Start();
        return timer;
    }

    internal void RemoveTimer(GrainTimer timer)
    {
        lock (_lock)
        {
            _timers?.Remove(timer);
        }
    }

    private void DisposeTimers()
    {
        GrainTimer[] timers;
        lock (_lock)
        {
            if (_timers is null or { Count: 0 })
            {
                return;
            }

            timers = [.. _timers];
        }

        foreach (var timer in timers)
        {
            timer.Dispose();
        }
    }

    private Streams.ActivationStreams? _streams;

    /// <summary>Stream observers attached in this activation (created on first use).</summary>
    internal Streams.ActivationStreams Streams => _streams ??= new Streams.ActivationStreams(_catalog.StreamPayloads);

    /// <summary>Called by the grain constructor for each [PersistentState] parameter; the state is loaded before OnActivateAsync.</summary>
    internal IPersistentState<T> CreatePersistentState<T>(string stateName, string? storageName)
    {
        var state = _catalog.PersistentStates.Create<T>(GrainId, stateName, storageName);
        (_states ??= []).Add((ILoadableState)state);
        return state;
    }
}
