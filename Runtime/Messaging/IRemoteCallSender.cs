using MultiAgent.Runtime.Invocation;
using MultiAgent.Runtime.Membership;

namespace MultiAgent.Runtime.Messaging;

/// <summary>Sends a call to another silo; failures come back through the call itself.</summary>
internal interface IRemoteCallSender
{
    void Send(IOutgoingCall call, SiloAddress silo);
}
