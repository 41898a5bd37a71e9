namespace MultiAgent.Grains.Fleet.Assignment;

/// <summary>The policies by their configuration names.</summary>
public static class AssignmentPolicies
{
    public const string Greedy = "greedy";
    public const string Hungarian = "hungarian";
    public const string Adaptive = "adaptive";

    public static IReadOnlyList<string> Names { get; } = [Greedy, Hungarian, Adaptive];

    public static bool IsKnown(string? name) => name is not null && Names.Contains(name.Trim(), StringComparer.OrdinalIgnoreCase);

    public static IAssignmentPolicy Create(AssignmentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Create(options.Policy, options);
    }

    /// <param name="name">Case-insensitive.</param>
    /// <exception cref="ArgumentException">The name is not one of <see cref="Names"/>; the message lists them.</exception>
    public static IAssignmentPolicy Create(string name, AssignmentOptions? options = null)
    {
        options ??= new AssignmentOptions();
        switch (name?.Trim().ToLowerInvariant())
        {
            case Greedy:
                return new NearestIdleRobotPolicy(options.MinimumBattery);
            case Hungarian:
                return new HungarianPolicy(options.MinimumBattery, options.HungarianBatchSize);
            case Adaptive:
                return new AdaptivePolicy(
                    new NearestIdleRobotPolicy(options.MinimumBattery),
                    new HungarianPolicy(options.MinimumBattery, options.HungarianBatchSize),
                    options.HungarianThreshold,
                    options.HungarianMaxRobotsPerTask);
            default:
                throw new ArgumentException(
                    $"Unknown assignment policy '{name}'; valid names: {string.Join(", ", Names)}.", nameof(name));
        }
    }
}
