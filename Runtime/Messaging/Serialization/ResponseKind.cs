namespace MultiAgent.Runtime.Messaging.Serialization;

/// <summary>How a call ended: with a result, with the grain's exception, or refused before the grain ran.</summary>
internal enum ResponseKind : byte
{
    Success = 0,
    Exception = 1,
    Rejection = 2,
}
