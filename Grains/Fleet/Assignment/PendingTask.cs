namespace MultiAgent.Grains.Fleet.Assignment;

/// <summary>What the scheduler needs to know about a waiting task to choose a robot for it.</summary>
/// <param name="Deadline">Null sorts after every deadline.</param>
public sealed record PendingTask(string TaskId, GridPoint PickLocation, int Priority, DateTimeOffset? Deadline, DateTimeOffset CreatedAt)
{
    public static PendingTask For(string taskId, Order order) =>
        new(taskId, order.PickLocation, order.Priority, order.Deadline, order.CreatedAt);
}
