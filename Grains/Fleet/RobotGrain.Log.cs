using Microsoft.Extensions.Logging;

namespace MultiAgent.Grains.Fleet;

public sealed partial class RobotGrain
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Robot {RobotId} started in warehouse {WarehouseId} ({Mode}) at {Position}")]
    private partial void LogStarted(string robotId, string warehouseId, RobotMode mode, GridPoint position);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Robot {RobotId} took task {TaskId} (attempt {Attempt})")]
    private partial void LogAssigned(string robotId, string taskId, int attempt);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Robot {RobotId} refused task {TaskId}: it is {Status}")]
    private partial void LogAssignRefused(string robotId, string taskId, RobotStatus status);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Robot {RobotId} completed task {TaskId} after {Distance} cells; battery {Battery:0.00}")]
    private partial void LogCompleted(string robotId, string taskId, int distance, double battery);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Robot {RobotId} lost task {TaskId} and is {Status}: {Reason}")]
    private partial void LogLost(string robotId, string? taskId, RobotStatus status, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Robot {RobotId} is back online")]
    private partial void LogBackOnline(string robotId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Robot {RobotId} charged at {Position}")]
    private partial void LogCharged(string robotId, GridPoint position);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Robot {RobotId} could not publish the failure of task {TaskId}")]
    private partial void LogPublishFailed(Exception exception, string robotId, string taskId);
}
