using System.Diagnostics;
using MultiAgent.Runtime.Activation;
using MultiAgent.Runtime.Membership;
using MultiAgent.Runtime.Messaging;
using MultiAgent.Runtime.Messaging.Serialization;
using MultiAgent.Runtime.Messaging.Transport;

namespace MultiAgent.Runtime.Invocation;

/// <summary>What the router and the message center need of a call, whatever its result type.</summary>
internal interface IOutgoingCall : IGrainMessage, IPendingCall, IRemoteCall
{
    GrainRequest Request { get; }

    TimeSpan Timeout { get; }

    bool IsOneWay { get; }

    /// <summary>Registers the call for its response and deadline, under a new id (each attempt has its own).</summary>
    void Track();

    /// <summary>Counts an attempt; false when the call has used its retries.</summary>
    bool TryStartAttempt();

    /// <summary>Attempts made so far (for back-off).</summary>
    int CallAttempt { get; }

    void Fail(Exception error);
}

/// <summary>
/// A grain call from this process: the request, its deadline, and the caller's completion in one
/// object. It runs in a local activation (as an <see cref="IGrainMessage"/>) or goes to the owning silo
/// (as an <see cref="IRemoteCall"/>); a retryable rejection sends it round again. Continuations run
/// asynchronously so the caller never runs inside the callee's turn or a connection's receive loop.
/// </summary>
internal sealed class OutgoingCall<TResult> : TaskCompletionSource<TResult>, IOutgoingCall
{
    private const int MaxAttempts = 8;

    private readonly GrainRequest<TResult> _request;
    private readonly GrainCallRouter _router;
    private readonly PendingCallRegistry _registry;
    private long _callId;
    private int _attempts;

    public OutgoingCall(GrainId target, GrainRequest<TResult> request, TimeSpan timeout, GrainCallRouter router, PendingCallRegistry registry)
        : base(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        Target = target;
        _request = request;
        Timeout = timeout;
        _router = router;
        _registry = registry;
        DeadlineTimestamp = timeout == System.Threading.Timeout.InfiniteTimeSpan
            ? long.MaxValue
            : Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
    }

    public GrainId Target { get; }

    public GrainRequest Request => _request;

    public TimeSpan Timeout { get; }

    public bool IsOneWay => _request.Method.IsOneWay;

    public bool IsInterleavable => _request.Method.AlwaysInterleave;

    public bool KeepsAlive => true;

    public long DeadlineTimestamp { get; }

    public long CallId => _callId;

    public FrameConnection? Connection { get; set; }

    public SiloAddress? RemoteSilo { get; set; }

    public void Track()
    {
        if (!IsOneWay)
        {
            _callId = _registry.Register(this);
        }
    }

    public int CallAttempt => _attempts;

    public bool TryStartAttempt() => ++_attempts <= MaxAttempts && DeadlineTimestamp > Stopwatch.GetTimestamp();

    // Local execution, inside the target's activation.
    public ValueTask InvokeAsync(ActivationData activation, object grain)
    {
        ValueTask<TResult> pending;
        try
        {
            pending = _request.InvokeAsync(grain);
        }
        catch (Exception e)
        {
            activation.OnGrainMethodFailed(e);
            FailFromGrain(e);
            return default;
        }

        if (pending.IsCompletedSuccessfully)
        {
            Succeed(pending.Result);
            return default;
        }

        return AwaitResult(activation, pending);
    }

    // Awaited on the activation's context: the grain's continuations stay inside its turns.
    private async ValueTask AwaitResult(ActivationData activation, ValueTask<TResult> pending)
    {
        try
        {
            Succeed(await pending);
        }
        catch (Exception e)
        {
            activation.OnGrainMethodFailed(e);
            FailFromGrain(e);
        }
    }

    /// <summary>The catalog could not deliver it (the grain moved, the silo is stopping): route again or fail.</summary>
    public void Reject(Exception reason)
    {
        Untrack();
        if (reason is SiloUnavailableException && _router.TryReroute(this))
        {
            return;
        }

        TrySetException(reason);
    }

    public void OnResponse(WireMessage response)
    {
        if (response.ResponseKind == ResponseKind.Success)
        {
            // The hot path: no retry closure, no peer description.
            TrySetResult(response.Result is TResult result ? result : default!);
            return;
        }

        ResponseCompletion.Complete(this, response, Target, _request.Method, $"silo {RemoteSilo}", () => _router.TryReroute(this));
    }

    public void OnConnectionLost(Exception reason) =>
        TrySetException(new SiloUnavailableException(
            $"The connection to silo {RemoteSilo} carrying {_request.Method.DisplayName} on grain {Target} was lost: {reason.Message}"));

    public void OnTimeout() =>
        TrySetException(new GrainCallTimeoutException(Target, _request.Method.DisplayName, Timeout));

    public void Fail(Exception error)
    {
        Untrack();
        TrySetException(error);
    }

    private void Succeed(TResult result)
    {
        Untrack();
        TrySetResult(result);
    }

    private void FailFromGrain(Exception exception)
    {
        Untrack();
        TrySetException(GrainCallException.FromGrainException(Target, _request.Method.DisplayName, exception));
    }

    private void Untrack()
    {
        if (_callId != 0)
        {
            _registry.Remove(_callId);
        }
    }

    public override string ToString() => $"{_request.Method.DisplayName} on {Target}";
}
