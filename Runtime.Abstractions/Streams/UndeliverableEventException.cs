namespace MultiAgent.Runtime.Streams;

/// <summary>
/// Thrown by a subscriber for an event that can never be processed (an invalid order, say): a durable
/// stream provider dead-letters it at once with this message as the reason, instead of retrying.
/// </summary>
public class UndeliverableEventException : Exception
{
    public UndeliverableEventException()
    {
    }

    public UndeliverableEventException(string message)
        : base(message)
    {
    }

    public UndeliverableEventException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
