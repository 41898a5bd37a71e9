namespace MultiAgent.Grains.Fleet;

/// <summary>The Kafka topics and stream namespaces of the fleet, named once so producers and subscribers agree.</summary>
public static class FleetTopics
{
    /// <summary>Orders in: JSON <see cref="Order"/>, message key = warehouse id.</summary>
    public const string Orders = "orders";

    /// <summary>Orders that failed validation, with the reason and the original message.</summary>
    public const string OrdersDeadLetter = "orders.dlq";

    /// <summary>Completions out: JSON <see cref="TaskCompleted"/>, stream/message key = warehouse id.</summary>
    public const string TaskCompletions = "task-completions";
}
