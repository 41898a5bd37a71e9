using MultiAgent.Runtime.Invocation;
using MultiAgent.Runtime.Membership;
using MultiAgent.Runtime.Messaging.Serialization;
using MultiAgent.Runtime.Messaging.Transport;

namespace MultiAgent.Runtime.Messaging;

/// <summary>
/// A client's request relayed by its gateway to the silo that owns the grain: sent on under a new
/// id, and the answer (or the failure) relayed back to the client under the client's id.
/// </summary>
internal sealed class ForwardedCall(WireMessage request, FrameConnection client, MessageCenter center) : IPendingCall, IRemoteCall
{
    public long CallId { get; set; }

    public GrainId Target => request.Target;

    public FrameConnection? Connection { get; set; }

    public SiloAddress? RemoteSilo { get; set; }

    public long DeadlineTimestamp { get; } = request.DeadlineUnixMs == 0
        ? long.MaxValue
        : System.Diagnostics.Stopwatch.GetTimestamp()
          + (request.DeadlineUnixMs - DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()) * System.Diagnostics.Stopwatch.Frequency / 1000;

    /// <summary>The same request, under this hop's id.</summary>
    public WireMessage ToOwner() => new()
    {
        Id = CallId,
        Direction = request.Direction,
        Target = request.Target,
        InterfaceName = request.InterfaceName,
        MethodId = request.MethodId,
        DeadlineUnixMs = request.DeadlineUnixMs,
        CallerGrain = request.CallerGrain,
        CallerSilo = request.CallerSilo,
        TraceParent = request.TraceParent,
        TraceState = request.TraceState,
        Method = request.Method,
        Request = request.Request,
    };

    public void OnResponse(WireMessage response)
    {
        response.Id = request.Id;
        center.Reply(client, request, response);
    }

    public void OnConnectionLost(Exception reason) =>
        Fail(RejectionKind.Transient, $"the connection to silo {RemoteSilo} owning grain {Target} was lost: {reason.Message}");

    // The client enforces its own deadline; nothing to tell it.
    public void OnTimeout()
    {
    }

    public void Fail(RejectionKind kind, string message) =>
        center.Reply(client, request, WireMessage.ForRejection(request, kind, message));
}
