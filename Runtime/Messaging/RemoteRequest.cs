using MultiAgent.Runtime.Activation;
using MultiAgent.Runtime.Invocation;
using MultiAgent.Runtime.Messaging.Serialization;
using MultiAgent.Runtime.Messaging.Transport;

namespace MultiAgent.Runtime.Messaging;

/// <summary>A request that arrived on a connection, run in a local activation; its outcome goes back on the same connection.</summary>
internal sealed class RemoteRequest(WireMessage request, FrameConnection connection, MessageCenter center) : IGrainMessage
{
    public bool IsInterleavable => request.Method?.AlwaysInterleave ?? false;

    public bool KeepsAlive => true;

    public long DeadlineTimestamp { get; } = request.DeadlineUnixMs == 0
        ? long.MaxValue
        : System.Diagnostics.Stopwatch.GetTimestamp()
          + (request.DeadlineUnixMs - DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()) * System.Diagnostics.Stopwatch.Frequency / 1000;

    public ValueTask InvokeAsync(ActivationData activation, object grain)
    {
        ValueTask<object?> pending;
        try
        {
            pending = request.Request!.InvokeUntypedAsync(grain);
        }
        catch (Exception e)
        {
            activation.OnGrainMethodFailed(e);
            Respond(WireMessage.ForException(request, e));
            return default;
        }

        if (pending.IsCompletedSuccessfully)
        {
            Respond(WireMessage.ForResult(request, pending.Result));
            return default;
        }

        return AwaitResult(activation, pending);
    }

    private async ValueTask AwaitResult(ActivationData activation, ValueTask<object?> pending)
    {
        try
        {
            Respond(WireMessage.ForResult(request, await pending));
        }
        catch (Exception e)
        {
            activation.OnGrainMethodFailed(e);
            Respond(WireMessage.ForException(request, e));
        }
    }

    /// <summary>The grain could not be reached here: a moved grain or a stopping silo is worth a retry elsewhere.</summary>
    public void Reject(Exception reason) => Respond(reason is SiloUnavailableException
        ? WireMessage.ForRejection(request, RejectionKind.Transient, reason.Message)
        : WireMessage.ForException(request, reason));

    private void Respond(WireMessage response) => center.Reply(connection, request, response);
}
