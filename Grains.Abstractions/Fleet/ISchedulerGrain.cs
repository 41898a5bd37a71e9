using MultiAgent.Runtime;

namespace MultiAgent.Grains.Fleet;

/// <summary>
/// A warehouse's task allocator (key = warehouse id). Orders arrive on stream (<c>orders</c>, warehouse
/// id) or through <see cref="SubmitOrder"/>; robots report idle, finished and failed. Robot reports are
/// one-way and interleave, so a robot never waits on the scheduler and a back-pressured order never
/// blocks the robots that would free its slot.
/// </summary>
public interface ISchedulerGrain : IGrainWithStringKey
{
    /// <summary>The client API path: same validation and idempotence as the stream. Throws <see cref="OrderRejectedException"/>.</summary>
    Task<OrderStatusReport> SubmitOrder(Order order);

    [OneWay]
    [AlwaysInterleave]
    Task RobotIdle(string robotId, GridPoint position, double battery);

    /// <summary>The robot finished <paramref name="taskId"/> (its completion is already published).</summary>
    [OneWay]
    [AlwaysInterleave]
    Task TaskFinished(string robotId, string taskId);

    /// <summary>The robot can no longer work (fault, offline); its task, if any, goes back to the queue.</summary>
    [OneWay]
    [AlwaysInterleave]
    Task RobotFailed(string robotId, string? taskId, string reason);

    /// <summary>The warehouse was (re)configured: orders from now on are checked against <paramref name="layout"/>.</summary>
    [OneWay]
    [AlwaysInterleave]
    Task LayoutChanged(WarehouseLayout layout);

    [AlwaysInterleave]
    Task<OrderStatusReport> GetOrderStatus(string orderId);

    /// <summary>Tasks waiting for a robot (not counting assigned ones).</summary>
    [AlwaysInterleave]
    Task<int> GetQueueDepth();
}
