namespace MultiAgent.Grains.Fleet.Assignment;

/// <summary>
/// The order in which waiting tasks are served: higher priority first, then earlier deadline (tasks
/// without one last), then older first; the task id breaks exact ties so the order is total and a
/// sorted set never treats two tasks as one.
/// </summary>
public sealed class PendingTaskOrder : IComparer<PendingTask>
{
    public static PendingTaskOrder Instance { get; } = new();

    private PendingTaskOrder()
    {
    }

    public int Compare(PendingTask? x, PendingTask? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return 1;
        }

        if (y is null)
        {
            return -1;
        }

        var byPriority = y.Priority.CompareTo(x.Priority);
        if (byPriority != 0)
        {
            return byPriority;
        }

        var byDeadline = (x.Deadline, y.Deadline) switch
        {
            (null, null) => 0,
            (null, _) => 1,
            (_, null) => -1,
            var (a, b) => a.Value.CompareTo(b.Value),
        };
        if (byDeadline != 0)
        {
            return byDeadline;
        }

        var byAge = x.CreatedAt.CompareTo(y.CreatedAt);
        return byAge != 0 ? byAge : string.CompareOrdinal(x.TaskId, y.TaskId);
    }
}
