namespace MultiAgent.Grains.Fleet;

/// <summary>Where a simulated robot is in its cycle; finer than <see cref="RobotStatus"/>, which is what outsiders see.</summary>
public enum RobotPhase
{
    None,
    ToPick,
    ToDrop,

    /// <summary>At the drop location; the completion is published next (and retried until it is).</summary>
    Delivered,
    ToCharger,
    Charging,
}
