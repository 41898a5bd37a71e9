namespace MultiAgent.Runtime.Membership;

/// <summary>A silo's status in the membership table. Only ever moves forward: Joining → Active → ShuttingDown → Dead.</summary>
public enum SiloStatus
{
    /// <summary>No status: the silo has no row.</summary>
    None = 0,

    /// <summary>Inserted its row and is starting; takes no grains yet.</summary>
    Joining = 1,

    /// <summary>Serving: placement may put grains on it.</summary>
    Active = 2,

    /// <summary>Leaving gracefully: takes no new activations, finishes and deactivates the ones it has.</summary>
    ShuttingDown = 3,

    /// <summary>Gone for good, by its own graceful exit or declared by others; a silo that reads this about itself stops.</summary>
    Dead = 4,
}

public static class SiloStatusExtensions
{
    /// <summary>Joining, Active or ShuttingDown: a silo that should be heartbeating, and is declared dead if it does not.</summary>
    public static bool IsAlive(this SiloStatus status) => status is SiloStatus.Joining or SiloStatus.Active or SiloStatus.ShuttingDown;
}
