using System.Diagnostics;
using MultiAgent.Runtime.Activation;

namespace MultiAgent.Runtime.Invocation;

/// <summary>
/// A grain call within this silo: the request, its deadline, and the caller's completion in one
/// object. Continuations run asynchronously so the caller never runs inside the callee's turn.
/// </summary>
internal sealed class LocalCall<TResult> : TaskCompletionSource<TResult>, IGrainMessage, IPendingCall
{
    private readonly GrainRequest<TResult> _request;
    private readonly PendingCallRegistry _registry;
    private readonly GrainId _target;
    private readonly TimeSpan _timeout;
    private long _callId;

    public LocalCall(GrainId target, GrainRequest<TResult> request, TimeSpan timeout, PendingCallRegistry registry)
        : base(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        _target = target;
        _request = request;
        _timeout = timeout;
        _registry = registry;
        DeadlineTimestamp = timeout == Timeout.InfiniteTimeSpan
            ? long.MaxValue
            : Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
    }

    public bool IsInterleavable => _request.Method.AlwaysInterleave;

    public bool KeepsAlive => true;

    public long DeadlineTimestamp { get; }

    /// <summary>Starts deadline tracking; one-way calls skip it since nobody awaits them.</summary>
    public void TrackDeadline()
    {
        if (DeadlineTimestamp != long.MaxValue)
        {
            _callId = _registry.Register(this);
        }
    }

    public ValueTask InvokeAsync(ActivationData activation, object grain)
    {
        ValueTask<TResult> pending;
        try
        {
            pending = _request.InvokeAsync(grain);
        }
        catch (Exception e)
        {
            Fail(e);
            return default;
        }

        if (pending.IsCompletedSuccessfully)
        {
            Succeed(pending.Result);
            return default;
        }

        return AwaitResult(pending);
    }

    // Awaited on the activation's context: the grain's continuations stay inside its turns.
    private async ValueTask AwaitResult(ValueTask<TResult> pending)
    {
        try
        {
            Succeed(await pending);
        }
        catch (Exception e)
        {
            Fail(e);
        }
    }

    public void Reject(Exception reason)
    {
        Untrack();
        TrySetException(reason);
    }

    public void OnTimeout() =>
        TrySetException(new GrainCallTimeoutException(_target, _request.Method.DisplayName, _timeout));

    private void Succeed(TResult result)
    {
        Untrack();
        TrySetResult(result);
    }

    private void Fail(Exception exception)
    {
        Untrack();
        TrySetException(GrainCallException.FromGrainException(_target, _request.Method.DisplayName, exception));
    }

    private void Untrack()
    {
        if (_callId != 0)
        {
            _registry.Remove(_callId);
        }
    }

    public override string ToString() => $"{_request.Method.DisplayName} on {_target}";
}
