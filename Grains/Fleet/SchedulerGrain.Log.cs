using Microsoft.Extensions.Logging;

namespace MultiAgent.Grains.Fleet;

public sealed partial class SchedulerGrain
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduler {WarehouseId} activated: {Pending} waiting, {Unconfirmed} assigned to re-confirm; asking its robots which are idle")]
    private partial void LogActivated(string warehouseId, int pending, int unconfirmed);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Scheduler {WarehouseId} accepted order {OrderId} (priority {Priority}); {Pending} waiting")]
    private partial void LogAccepted(string warehouseId, string orderId, int priority, int pending);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Scheduler {WarehouseId} acknowledged duplicate order {OrderId}")]
    private partial void LogDuplicate(string warehouseId, string orderId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scheduler {WarehouseId} rejected order {OrderId}: {Reason}")]
    private partial void LogRejected(string warehouseId, string? orderId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduler {WarehouseId} backlog full ({Pending} waiting): holding the order stream")]
    private partial void LogBackPressure(string warehouseId, int pending);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scheduler {WarehouseId} accepted an order over its backlog ({Pending} waiting) after waiting {Waited}, rather than let the delivery time out")]
    private partial void LogOverBacklog(string warehouseId, int pending, TimeSpan waited);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Scheduler {WarehouseId} assigned {Count} tasks with policy {Policy}; {Pending} waiting")]
    private partial void LogAssigned(string warehouseId, int count, string policy, int pending);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Scheduler {WarehouseId}: task {TaskId} finished by {RobotId}")]
    private partial void LogFinished(string warehouseId, string taskId, string robotId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scheduler {WarehouseId} requeued task {TaskId} from robot {RobotId}: {Reason}")]
    private partial void LogRequeued(string warehouseId, string taskId, string robotId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scheduler {WarehouseId} got no answer assigning task {TaskId} to robot {RobotId}; will ask again")]
    private partial void LogSendFailed(Exception exception, string warehouseId, string taskId, string robotId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduler {WarehouseId} found newer state written by another activation; deactivating")]
    private partial void LogStale(Exception exception, string warehouseId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduler {WarehouseId} could not write its state; deactivating to reload what is stored")]
    private partial void LogWriteFailed(Exception exception, string warehouseId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scheduler {WarehouseId}: work after a turn (writes, telling robots, asking them) failed")]
    private partial void LogBackgroundFailed(Exception exception, string warehouseId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduler {WarehouseId}: {Idle} of {Registered} registered robots are idle")]
    private partial void LogRediscovered(string warehouseId, int idle, int registered);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scheduler {WarehouseId}: robot {RobotId} did not say whether it is idle")]
    private partial void LogSnapshotFailed(Exception exception, string warehouseId, string robotId);
}
