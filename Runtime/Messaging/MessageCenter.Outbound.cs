using Microsoft.Extensions.Logging;
using MultiAgent.Runtime.Invocation;
using MultiAgent.Runtime.Membership;
using MultiAgent.Runtime.Messaging.Serialization;
using MultiAgent.Runtime.Messaging.Transport;

namespace MultiAgent.Runtime.Messaging;

/// <summary>Calls to other silos, and client requests forwarded to the silo that owns their grain.</summary>
internal sealed partial class MessageCenter
{
    public void Send(IOutgoingCall call, SiloAddress silo)
    {
        call.RemoteSilo = silo;
        var connecting = _silos.GetConnectionAsync(Endpoint(silo));
        if (connecting.IsCompletedSuccessfully)
        {
            SendOn(connecting.Result, call);
        }
        else
        {
            _ = SendWhenConnectedAsync(connecting, call, silo);
        }
    }

    private async Task SendWhenConnectedAsync(ValueTask<FrameConnection> connecting, IOutgoingCall call, SiloAddress silo)
    {
        FrameConnection connection;
        try
        {
            connection = await connecting;
        }
        catch (Exception e)
        {
            // Unreachable owner: retryable, since membership will soon move its grains elsewhere.
            call.Reject(new SiloUnavailableException($"Silo {silo} owning grain {call.Target} cannot be reached: {e.Message}"));
            return;
        }

        SendOn(connection, call);
    }

    private void SendOn(FrameConnection connection, IOutgoingCall call)
    {
        call.Connection = connection;
        var message = WireMessage.ForRequest(call.CallId, call.Target, call.Request, DeadlineUnixMs(call.Timeout));
        message.CallerSilo = _localName.Value;
        message.TraceParent = System.Diagnostics.Activity.Current?.Id;
        if (!TrySend(connection, message) && !call.IsOneWay && _pending.TryRemove(call.CallId, out _))
        {
            call.OnConnectionLost(new IOException($"the connection to {connection.RemoteEndPoint} is closed"));
        }
    }

    /// <summary>A client's request for a grain another silo owns: send it on there and relay the answer.</summary>
    private void Forward(WireMessage request, FrameConnection client, SiloAddress owner)
    {
        var forwarded = new ForwardedCall(request, client, this);
        if (request.Direction != MessageDirection.OneWay)
        {
            forwarded.CallId = _pending.Register(forwarded);
        }

        forwarded.RemoteSilo = owner;
        _ = ForwardAsync(forwarded, owner);
    }

    private async Task ForwardAsync(ForwardedCall forwarded, SiloAddress owner)
    {
        FrameConnection connection;
        try
        {
            connection = await _silos.GetConnectionAsync(Endpoint(owner));
        }
        catch (Exception e)
        {
            _pending.Remove(forwarded.CallId);
            forwarded.Fail(RejectionKind.Transient, $"silo {owner} owning grain {forwarded.Target} cannot be reached: {e.Message}");
            return;
        }

        forwarded.Connection = connection;
        if (!TrySend(connection, forwarded.ToOwner()) && _pending.TryRemove(forwarded.CallId, out _))
        {
            forwarded.Fail(RejectionKind.Transient, $"the connection to silo {owner} is closed");
        }
    }

    // Cached: parsing an address per call would be the most expensive step of a send.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<SiloAddress, System.Net.EndPoint> _endpoints = new();

    private System.Net.EndPoint Endpoint(SiloAddress silo) => _endpoints.GetOrAdd(silo, static s =>
        System.Net.IPAddress.TryParse(s.Host, out var ip)
            ? new System.Net.IPEndPoint(ip, s.Port)
            : new System.Net.DnsEndPoint(s.Host, s.Port));

    internal static long DeadlineUnixMs(TimeSpan timeout) =>
        timeout == Timeout.InfiniteTimeSpan ? 0 : DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + (long)timeout.TotalMilliseconds;

    internal ILogger Logger => _logger;
}
