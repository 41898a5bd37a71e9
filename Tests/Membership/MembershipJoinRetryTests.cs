using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MultiAgent.Runtime.Membership;
using static MultiAgent.Tests.Membership.MembershipTestData;

namespace MultiAgent.Tests.Membership;

/// <summary>A starting silo waits out a table that cannot be reached yet, for as long as MaxJoinAttemptTime.</summary>
public sealed class MembershipJoinRetryTests
{
    [Fact]
    public async Task A_silo_joins_once_the_table_answers_after_failing_at_first()
    {
        var table = new FlakyTable(new InMemoryMembershipTable(), failures: 3);
        await using var service = NewService(table, TimeSpan.FromSeconds(30));

        await service.StartAsync(CancellationToken.None);

        Assert.Equal(SiloStatus.Active, service.Status);
        Assert.True(table.Failed >= 3);
        Assert.Single((await table.ReadAllAsync(CancellationToken.None)).Rows);
    }

    [Fact]
    public async Task A_silo_gives_up_with_the_tables_error_once_MaxJoinAttemptTime_has_passed()
    {
        var table = new FlakyTable(new InMemoryMembershipTable(), failures: int.MaxValue);
        await using var service = NewService(table, TimeSpan.FromMilliseconds(700));

        var error = await Assert.ThrowsAsync<MembershipTableException>(() => service.StartAsync(CancellationToken.None));

        Assert.Contains("unreachable for this test", error.Message, StringComparison.Ordinal);
        Assert.InRange(table.Failed, 2, 10);
    }

    private static MembershipService NewService(IMembershipTable table, TimeSpan maxJoinAttemptTime)
    {
        var silo = NewSilo();
        return new MembershipService(
            table,
            new LocalSiloDetails(silo, $"silo-{silo.Port}", silo.Port + 10_000),
            Options.Create(new MembershipOptions { MaxJoinAttemptTime = maxJoinAttemptTime }),
            TimeProvider.System,
            NullLogger<MembershipService>.Instance);
    }

    /// <summary>Fails the first <c>failures</c> reads as an unreachable server would, then passes everything through.</summary>
    private sealed class FlakyTable(IMembershipTable inner, int failures) : IMembershipTable
    {
        private int _failed;

        public int Failed => Volatile.Read(ref _failed);

        public Task<MembershipTableSnapshot> ReadAllAsync(CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _failed) <= failures
                ? throw new MembershipTableException("Could not read the membership table: unreachable for this test")
                : inner.ReadAllAsync(cancellationToken);

        public Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion expectedVersion, CancellationToken cancellationToken) =>
            inner.InsertRowAsync(entry, expectedVersion, cancellationToken);

        public Task<bool> UpdateRowAsync(MembershipEntry entry, string rowETag, TableVersion expectedVersion, CancellationToken cancellationToken) =>
            inner.UpdateRowAsync(entry, rowETag, expectedVersion, cancellationToken);

        public Task<bool> UpdateIAmAliveAsync(SiloAddress silo, DateTimeOffset time, CancellationToken cancellationToken) =>
            inner.UpdateIAmAliveAsync(silo, time, cancellationToken);

        public Task<int> CleanupDefunctEntriesAsync(DateTimeOffset olderThan, CancellationToken cancellationToken) =>
            inner.CleanupDefunctEntriesAsync(olderThan, cancellationToken);

        public Task DeleteClusterAsync(CancellationToken cancellationToken) => inner.DeleteClusterAsync(cancellationToken);
    }
}
