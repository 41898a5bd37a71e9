using MultiAgent.Runtime.Activation;

namespace MultiAgent.Runtime.Invocation;

/// <summary>
/// Work addressed to an activation: a grain call (local or from the wire) or a timer tick.
/// The activation decides when it may start (turn-based admission) and then invokes it.
/// </summary>
internal interface IGrainMessage
{
    /// <summary>May start while another request is in progress (always-interleave methods, interleaving timers).</summary>
    bool IsInterleavable { get; }

    /// <summary>A tick that does not count as activity for idle collection.</summary>
    bool KeepsAlive { get; }

    /// <summary><see cref="System.Diagnostics.Stopwatch"/> timestamp after which nobody waits for the result.</summary>
    long DeadlineTimestamp { get; }

    /// <summary>Runs the request on <paramref name="grain"/> and completes the caller. Never throws.</summary>
    ValueTask InvokeAsync(ActivationData activation, object grain);

    /// <summary>Completes the caller with an error without running the request (activation failed, silo stopping).</summary>
    void Reject(Exception reason);
}

/// <summary>A call awaiting its response; timed out by <see cref="PendingCallRegistry"/> when its deadline passes.</summary>
internal interface IPendingCall
{
    long DeadlineTimestamp { get; }

    void OnTimeout();
}
