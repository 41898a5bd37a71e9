namespace MultiAgent.Grains.Fleet;

/// <summary>
/// How robots are simulated and watched; register one as a silo service to override the defaults
/// (robots take it as an optional dependency). Section <see cref="SectionName"/>.
/// </summary>
public sealed class RobotOptions
{
    public const string SectionName = "Fleet:Robots";

    /// <summary>External robots silent for longer than this go offline and their task goes back to the scheduler.</summary>
    public TimeSpan HeartbeatTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>State of charge a simulated robot uses per cell driven.</summary>
    public double BatteryPerCell { get; set; } = 0.002;

    /// <summary>Below this after a task, a simulated robot drives to the nearest charger before taking another.</summary>
    public double LowBattery { get; set; } = 0.3;

    /// <summary>State of charge gained per simulated second on a charger.</summary>
    public double ChargePerSecond { get; set; } = 0.02;

    /// <summary>Bounds of the simulation tick: a fast robot moves several cells per tick rather than ticking more often than this.</summary>
    public TimeSpan MinTick { get; set; } = TimeSpan.FromMilliseconds(10);

    public TimeSpan MaxTick { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Task ids a robot remembers having finished, so a re-sent assignment is acknowledged instead of re-executed.</summary>
    public int RememberedTasks { get; set; } = 256;

    /// <summary>What is wrong with these options, each naming its configuration key; empty when usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (HeartbeatTimeout <= TimeSpan.Zero)
        {
            problems.Add($"{SectionName}:{nameof(HeartbeatTimeout)}: must be positive, got {HeartbeatTimeout}.");
        }

        if (!(BatteryPerCell >= 0 && BatteryPerCell <= 1))
        {
            problems.Add($"{SectionName}:{nameof(BatteryPerCell)}: must be between 0 and 1, got {BatteryPerCell}.");
        }

        if (!(LowBattery >= 0 && LowBattery <= 1))
        {
            problems.Add($"{SectionName}:{nameof(LowBattery)}: must be between 0 and 1, got {LowBattery}.");
        }

        if (!(ChargePerSecond > 0))
        {
            problems.Add($"{SectionName}:{nameof(ChargePerSecond)}: must be positive, got {ChargePerSecond}.");
        }

        if (MinTick <= TimeSpan.Zero || MaxTick < MinTick)
        {
            problems.Add($"{SectionName}:{nameof(MinTick)}/{nameof(MaxTick)}: need 0 < MinTick ≤ MaxTick, got {MinTick} and {MaxTick}.");
        }

        if (RememberedTasks < 1)
        {
            problems.Add($"{SectionName}:{nameof(RememberedTasks)}: must be at least 1, got {RememberedTasks}.");
        }

        return problems;
    }
}
