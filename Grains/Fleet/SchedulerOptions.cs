using MultiAgent.Grains.Fleet.Assignment;

namespace MultiAgent.Grains.Fleet;

/// <summary>
/// How a warehouse scheduler queues and assigns; register one as a silo service to override the
/// defaults (the scheduler takes it as an optional dependency). Section <see cref="SectionName"/>.
/// </summary>
public sealed class SchedulerOptions
{
    public const string SectionName = "Fleet:Scheduler";

    public AssignmentOptions Assignment { get; set; } = new();

    /// <summary>Pending (unassigned) tasks at which accepting another order waits: the order stream pauses, nothing is dropped.</summary>
    public int MaxBacklog { get; set; } = 10_000;

    /// <summary>While an order waits for a slot, how often the scheduler re-checks even without a robot report.</summary>
    public TimeSpan BacklogRecheckInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// The longest an order waits for a slot before it is accepted over the bound. Below the 30 s call
    /// deadline on purpose: a delivery that timed out would be retried and finally dead-lettered — a valid
    /// order lost — whereas a backlog briefly over its bound loses nothing.
    /// </summary>
    public TimeSpan MaxBacklogWait { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Finished orders remembered for idempotence and status queries, oldest forgotten first (live ones
    /// never). Stored in segments of 500 (one rewritten as tasks finish), all read when the scheduler activates.
    /// </summary>
    public int KnownOrderCapacity { get; set; } = 20_000;

    /// <summary>
    /// How long a task may stay assigned before the scheduler asks its robot about it again (re-sending the
    /// assignment, which the robot acknowledges by task id). That call is what brings back a robot grain whose
    /// silo died mid-task; a robot still working just says yes.
    /// </summary>
    public TimeSpan AssignedTaskCheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>What is wrong with these options, each naming its configuration key; empty when usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>(Assignment.Problems());
        if (MaxBacklog < 1)
        {
            problems.Add($"{SectionName}:{nameof(MaxBacklog)}: must be at least 1, got {MaxBacklog}.");
        }

        if (BacklogRecheckInterval <= TimeSpan.Zero)
        {
            problems.Add($"{SectionName}:{nameof(BacklogRecheckInterval)}: must be positive, got {BacklogRecheckInterval}.");
        }

        if (MaxBacklogWait <= TimeSpan.Zero)
        {
            problems.Add($"{SectionName}:{nameof(MaxBacklogWait)}: must be positive, got {MaxBacklogWait}.");
        }

        if (AssignedTaskCheckInterval <= TimeSpan.Zero)
        {
            problems.Add($"{SectionName}:{nameof(AssignedTaskCheckInterval)}: must be positive, got {AssignedTaskCheckInterval}.");
        }

        if (KnownOrderCapacity < 1)
        {
            problems.Add($"{SectionName}:{nameof(KnownOrderCapacity)}: must be at least 1, got {KnownOrderCapacity}.");
        }

        return problems;
    }
}
