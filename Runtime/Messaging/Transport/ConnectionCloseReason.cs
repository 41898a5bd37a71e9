namespace MultiAgent.Runtime.Messaging.Transport;

/// <summary>How and why a connection closed; the first cause recorded wins.</summary>
internal sealed record ConnectionCloseReason(ConnectionCloseKind Kind, string Description, Exception? Exception = null)
{
    public override string ToString() =>
        Exception is null ? $"{Kind}: {Description}" : $"{Kind}: {Description} ({Exception.GetType().Name}: {Exception.Message})";
}
