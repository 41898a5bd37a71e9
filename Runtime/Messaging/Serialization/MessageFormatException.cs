namespace MultiAgent.Runtime.Messaging.Serialization;

/// <summary>
/// A frame is not a valid message: truncated, garbled, or of an unknown version. Carries whatever
/// of the header was read before the fault, so the connection can reject the call by id and keep serving.
/// </summary>
internal class MessageFormatException : Exception
{
    public MessageFormatException(string message)
        : base(message)
    {
    }

    public MessageFormatException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The message id, when the header got that far.</summary>
    public long? MessageId { get; internal set; }

    public MessageDirection? Direction { get; internal set; }

    public GrainId? Target { get; internal set; }

    public string? InterfaceName { get; internal set; }

    public string? MethodId { get; internal set; }

    /// <summary>True when the sender awaits a response, so a rejection can be sent back to <see cref="MessageId"/>.</summary>
    public bool CanReply => MessageId is not null && Direction == MessageDirection.Request;
}
