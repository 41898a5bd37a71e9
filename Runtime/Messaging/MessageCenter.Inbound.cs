using System.Buffers;
using MultiAgent.Runtime.Invocation;
using MultiAgent.Runtime.Messaging.Connections;
using MultiAgent.Runtime.Messaging.Serialization;
using MultiAgent.Runtime.Messaging.Transport;

namespace MultiAgent.Runtime.Messaging;

/// <summary>Frames arriving from silos and clients: requests to run or forward, responses to match.</summary>
internal sealed partial class MessageCenter
{
    private void OnFrame(FrameConnection connection, ReadOnlySequence<byte> frame, PeerKind peer)
    {
        WireMessage message;
        try
        {
            message = Codec.Read(frame);
        }
        catch (MessageFormatException e)
        {
            // One bad message costs only itself: answer it if we can tell whose it was, and keep serving.
            LogMalformed(connection.RemoteEndPoint, e.Message);
            if (e.CanReply)
            {
                TrySend(connection, WireMessage.ForRejection(e, RejectionKind.Unrecoverable));
            }

            return;
        }

        if (message.IsRequest)
        {
            OnRequest(connection, message, peer);
        }
        else
        {
            OnResponse(message);
        }
    }

    private void OnRequest(FrameConnection connection, WireMessage request, PeerKind peer)
    {
        if (request.DeadlineUnixMs != 0 && request.DeadlineUnixMs < DateTimeOffset.UtcNow.ToUnixTimeMilliseconds())
        {
            return; // the caller has already given up
        }

        Membership.SiloAddress? owner;
        try
        {
            owner = _placement.Value.GetRemoteOwner(request.Target);
        }
        catch (SiloUnavailableException e)
        {
            Reply(connection, request, WireMessage.ForRejection(request, RejectionKind.Transient, e.Message));
            return;
        }

        if (owner is null)
        {
            _catalog.Value.Dispatch(new RemoteRequest(request, connection, this), request.Target);
        }
        else if (peer == PeerKind.Client)
        {
            Forward(request, connection, owner);
        }
        else
        {
            Reply(connection, request, WireMessage.ForRejection(
                request, RejectionKind.NotOwner, $"silo {LocalSilo} does not own grain {request.Target}; it belongs to {owner}"));
        }
    }

    private void OnResponse(WireMessage response)
    {
        if (_pending.TryRemove(response.Id, out var call) && call is IRemoteCall remote)
        {
            remote.OnResponse(response);
        }
        else
        {
            LogOrphanResponse(response.Id);
        }
    }

    /// <summary>Sends a response unless the request was one-way.</summary>
    internal void Reply(FrameConnection connection, WireMessage request, WireMessage response)
    {
        if (request.Direction != MessageDirection.OneWay)
        {
            TrySend(connection, response);
        }
    }

    private void OnConnectionClosed(FrameConnection connection, ConnectionCloseReason reason)
    {
        var lost = _pending.RemoveWhere(c => c is IRemoteCall remote && ReferenceEquals(remote.Connection, connection));
        if (lost.Count == 0)
        {
            return;
        }

        var error = new IOException($"{connection.RemoteEndPoint} closed: {reason}");
        foreach (var call in lost)
        {
            ((IRemoteCall)call).OnConnectionLost(error);
        }
    }

    /// <summary>Hands each frame to the message center, remembering which kind of peer sent it.</summary>
    private sealed class InboundHandler(MessageCenter center, PeerKind peer) : IFrameHandler
    {
        public void OnFrame(FrameConnection connection, ReadOnlySequence<byte> payload) => center.OnFrame(connection, payload, peer);

        public void OnClosed(FrameConnection connection, ConnectionCloseReason reason) => center.OnConnectionClosed(connection, reason);
    }
}
