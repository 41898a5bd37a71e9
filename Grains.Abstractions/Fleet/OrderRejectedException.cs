namespace MultiAgent.Grains.Fleet;

/// <summary>
/// An order failed validation. Thrown from the scheduler's stream observer so the stream provider
/// dead-letters the message (<c>orders.dlq</c>) with this message as the reason; the message is the
/// validator's reason, each part naming its field.
/// </summary>
public sealed class OrderRejectedException : MultiAgent.Runtime.Streams.UndeliverableEventException
{
    public OrderRejectedException()
    {
    }

    public OrderRejectedException(string message)
        : base(message)
    {
    }

    public OrderRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public OrderRejectedException(string? orderId, string reason)
        : base(reason)
    {
        OrderId = orderId;
    }

    public string? OrderId { get; }
}
