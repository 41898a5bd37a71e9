namespace MultiAgent.Grains.Fleet;

/// <summary>Where an order is; <see cref="Unknown"/> when the scheduler never accepted it (or it was dead-lettered).</summary>
public enum OrderStatus
{
    Unknown,
    Pending,
    Assigned,
    Completed,
    Failed,
}
