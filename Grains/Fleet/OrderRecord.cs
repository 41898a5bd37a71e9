namespace MultiAgent.Grains.Fleet;

/// <summary>What the scheduler remembers of an order it accepted: for idempotence and for <c>orders status</c>.</summary>
public sealed class OrderRecord
{
    public string OrderId { get; set; } = string.Empty;

    public string TaskId { get; set; } = string.Empty;

    public OrderStatus Status { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? AssignedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public string? RobotId { get; set; }

    /// <summary>The last reason the task came back from a robot (kept while it waits again).</summary>
    public string? FailureReason { get; set; }

    public OrderStatusReport ToReport(string warehouseId) =>
        new(OrderId, Status, warehouseId, TaskId, RobotId, CreatedAt, AssignedAt, CompletedAt, FailureReason);
}
