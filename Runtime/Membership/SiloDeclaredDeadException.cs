namespace MultiAgent.Runtime.Membership;

/// <summary>This silo could not change its own status because the cluster has already declared it dead.</summary>
public sealed class SiloDeclaredDeadException(SiloAddress silo)
    : Exception($"Silo {silo} has been declared dead by the cluster; it must stop and a new incarnation must join.")
{
    public SiloAddress Silo { get; } = silo;
}
