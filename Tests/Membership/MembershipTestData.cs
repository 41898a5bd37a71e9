using MultiAgent.Runtime.Membership;

namespace MultiAgent.Tests.Membership;

/// <summary>Silo addresses and rows for membership tests: each call gives a distinct silo, so tests never collide.</summary>
internal static class MembershipTestData
{
    public static readonly DateTimeOffset T0 = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static int s_nextPort = 20_000;

    public static string NewClusterId() => $"test-{Guid.NewGuid():N}";

    public static SiloAddress NewSilo(int generation = 1) => new("10.0.0.1", Interlocked.Increment(ref s_nextPort), generation);

    public static MembershipEntry Entry(SiloAddress silo, SiloStatus status = SiloStatus.Active, DateTimeOffset? alive = null) => new()
    {
        SiloAddress = silo,
        SiloName = $"silo-{silo.Port}",
        Status = status,
        GatewayPort = silo.Port + 10_000,
        StartTime = T0,
        IAmAliveTime = alive ?? T0,
    };
}
