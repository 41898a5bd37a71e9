namespace MultiAgent.Grains.Fleet;

/// <summary>The answer to <c>orders status &lt;id&gt;</c>; the timestamps the order has reached are set.</summary>
public sealed record OrderStatusReport(
    string OrderId,
    OrderStatus Status,
    string? WarehouseId = null,
    string? TaskId = null,
    string? RobotId = null,
    DateTimeOffset? CreatedAt = null,
    DateTimeOffset? AssignedAt = null,
    DateTimeOffset? CompletedAt = null,
    string? FailureReason = null)
{
    public static OrderStatusReport Unknown(string orderId) => new(orderId, OrderStatus.Unknown);
}
