namespace MultiAgent.Runtime.Messaging.Serialization;

/// <summary>What a message is: a call awaiting a response, its response, or a call nobody waits for.</summary>
internal enum MessageDirection : byte
{
    Request = 0,
    Response = 1,
    OneWay = 2,
}
