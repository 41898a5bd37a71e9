using Microsoft.Extensions.Logging.Abstractions;
using MultiAgent.Runtime.Membership;
using MultiAgent.Runtime.Redis;
using MultiAgent.Tests.Infrastructure;

namespace MultiAgent.Tests.Membership;

[Collection(RedisCollection.Name)]
public sealed class RedisMembershipServiceTests : MembershipServiceTests
{
    private readonly RedisConnectionFactory _connections = new();

    public RedisMembershipServiceTests(RedisServer redis)
    {
        Table = new RedisMembershipTable(
            new RedisMembershipOptions { ConnectionString = redis.ConnectionString, ClusterId = MembershipTestData.NewClusterId() },
            _connections,
            NullLogger<RedisMembershipTable>.Instance);
    }

    protected override IMembershipTable Table { get; }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _connections.DisposeAsync();
    }
}
