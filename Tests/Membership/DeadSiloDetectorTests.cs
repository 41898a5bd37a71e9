using MultiAgent.Runtime.Membership;
using static MultiAgent.Tests.Membership.MembershipTestData;

namespace MultiAgent.Tests.Membership;

/// <summary>The oracle's rules on fixed snapshots and times: no clocks, no waiting.</summary>
public sealed class DeadSiloDetectorTests
{
    private static readonly TimeSpan DeathTimeout = TimeSpan.FromSeconds(5);
    private static readonly DateTimeOffset Now = T0.AddMinutes(1);

    private readonly SiloAddress _self = NewSilo();

    [Theory]
    [InlineData(SiloStatus.Joining)]
    [InlineData(SiloStatus.Active)]
    [InlineData(SiloStatus.ShuttingDown)]
    public void A_silo_that_should_heartbeat_and_has_not_for_longer_than_the_timeout_is_dead(SiloStatus status)
    {
        var silent = Row(Entry(NewSilo(), status, alive: Now - DeathTimeout - TimeSpan.FromMilliseconds(1)));

        var verdict = Assert.Single(Find(silent));

        Assert.Same(silent, verdict.Row);
        Assert.Contains("no heartbeat", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_silo_within_the_timeout_is_alive()
    {
        Assert.Empty(Find(Row(Entry(NewSilo(), SiloStatus.Active, alive: Now - DeathTimeout))));
    }

    [Fact]
    public void Dead_rows_and_this_silo_itself_are_never_judged()
    {
        var ancient = Now.AddHours(-1);

        Assert.Empty(Find(Row(Entry(NewSilo(), SiloStatus.Dead, alive: ancient)), Row(Entry(_self, SiloStatus.Active, alive: ancient))));
    }

    [Fact]
    public void After_a_stall_heartbeats_are_not_judged()
    {
        var silent = Row(Entry(NewSilo(), SiloStatus.Active, alive: Now.AddHours(-1)));

        Assert.Empty(DeadSiloDetector.Find(Snapshot(silent), _self, Now, DeathTimeout, judgeHeartbeats: false));
    }

    [Fact]
    public void An_older_generation_on_the_same_endpoint_is_dead_at_once_even_with_a_fresh_heartbeat()
    {
        var old = new SiloAddress("10.0.0.9", 11111, 10);
        var restarted = new SiloAddress("10.0.0.9", 11111, 11);
        var oldRow = Row(Entry(old, SiloStatus.Active, alive: Now));

        var verdict = Assert.Single(DeadSiloDetector.Find(
            Snapshot(oldRow, Row(Entry(restarted, SiloStatus.Joining, alive: Now))), _self, Now, DeathTimeout, judgeHeartbeats: false));

        Assert.Same(oldRow, verdict.Row);
        Assert.Contains(restarted.ToString(), verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_longest_silent_silo_comes_first()
    {
        var recent = Row(Entry(NewSilo(), SiloStatus.Active, alive: Now.AddSeconds(-10)));
        var oldest = Row(Entry(NewSilo(), SiloStatus.Active, alive: Now.AddSeconds(-60)));

        Assert.Equal([oldest, recent], Find(recent, oldest).Select(v => v.Row));
    }

    private IReadOnlyList<DeathVerdict> Find(params MembershipRow[] rows) =>
        DeadSiloDetector.Find(Snapshot(rows), _self, Now, DeathTimeout, judgeHeartbeats: true);

    private static MembershipRow Row(MembershipEntry entry) => new(entry, "1");

    private static MembershipTableSnapshot Snapshot(params MembershipRow[] rows) => new(rows, new TableVersion(rows.Length, rows.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
}
