using System.Diagnostics;
using MultiAgent.Runtime.Invocation;
using MultiAgent.Runtime.Membership;
using MultiAgent.Runtime.Messaging;
using MultiAgent.Runtime.Messaging.Serialization;
using MultiAgent.Runtime.Messaging.Transport;

namespace MultiAgent.Runtime.Client;

/// <summary>A call from a cluster client, through a gateway. A call that never left (no gateway reachable) or was refused as retryable goes again, within its deadline.</summary>
internal sealed class ClientCall<TResult>(ClusterClient client, GrainId target, GrainRequest<TResult> request, TimeSpan timeout)
    : TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously), IClientCall
{
    private const int MaxAttempts = 8;
    private int _attempts;

    public GrainId Target { get; } = target;

    public GrainRequest Request => request;

    public TimeSpan Timeout { get; } = timeout;

    public long DeadlineTimestamp { get; } = timeout == System.Threading.Timeout.InfiniteTimeSpan
        ? long.MaxValue
        : Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);

    public long CallId { get; set; }

    public FrameConnection? Connection { get; set; }

    public SiloAddress? RemoteSilo { get; set; }

    public bool IsOneWay => request.Method.IsOneWay;

    public int Attempts => _attempts;

    public bool TryStartAttempt() => ++_attempts <= MaxAttempts && DeadlineTimestamp > Stopwatch.GetTimestamp();

    public void OnResponse(WireMessage response) =>
        ResponseCompletion.Complete(this, response, Target, request.Method, $"gateway {Connection?.RemoteEndPoint}", () => client.TryResend(this));

    public void OnConnectionLost(Exception reason) =>
        TrySetException(new SiloUnavailableException(
            $"The connection to gateway {Connection?.RemoteEndPoint} carrying {request.Method.DisplayName} on grain {Target} was lost: {reason.Message}"));

    public void OnTimeout() => TrySetException(new GrainCallTimeoutException(Target, request.Method.DisplayName, Timeout));

    public void Fail(Exception error) => TrySetException(error);
}

internal interface IClientCall : IPendingCall, IRemoteCall
{
    GrainRequest Request { get; }

    TimeSpan Timeout { get; }

    bool IsOneWay { get; }

    new long CallId { get; set; }

    int Attempts { get; }

    bool TryStartAttempt();

    void Fail(Exception error);
}
