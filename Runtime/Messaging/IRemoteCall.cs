using MultiAgent.Runtime.Membership;
using MultiAgent.Runtime.Messaging.Serialization;
using MultiAgent.Runtime.Messaging.Transport;

namespace MultiAgent.Runtime.Messaging;

/// <summary>A request sent to another process, awaiting its response on <see cref="Connection"/>.</summary>
internal interface IRemoteCall
{
    /// <summary>The message id the response will carry.</summary>
    long CallId { get; }

    GrainId Target { get; }

    FrameConnection? Connection { get; set; }

    SiloAddress? RemoteSilo { get; set; }

    void OnResponse(WireMessage response);

    /// <summary>The connection closed before the response came; the request may or may not have run.</summary>
    void OnConnectionLost(Exception reason);
}
