namespace MultiAgent.Runtime.Membership;

/// <summary>
/// This silo read that it is dead (its row says Dead, or its row is gone). Its grains may already live
/// elsewhere, so the host must stop the process at once, without deactivating grains or writing state.
/// </summary>
public sealed class SelfDeclaredDeadEventArgs(SiloAddress silo, MembershipEntry? row) : EventArgs
{
    public SiloAddress Silo { get; } = silo;

    /// <summary>The row as read (it names the silos that declared this one dead), or null when it was removed.</summary>
    public MembershipEntry? Row { get; } = row;
}
