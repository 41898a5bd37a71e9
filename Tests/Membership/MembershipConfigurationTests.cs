using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MultiAgent.Runtime.Hosting;
using MultiAgent.Runtime.Membership;
using MultiAgent.Tests.Infrastructure;
using MultiAgent.Tests.Storage;
using static MultiAgent.Tests.Membership.MembershipTestData;

namespace MultiAgent.Tests.Membership;

/// <summary>Registration, binding from <c>MultiAgent:Membership</c>, and start-up validation naming the key to fix.</summary>
[Collection(RedisCollection.Name)]
public sealed class MembershipConfigurationTests(RedisServer redis)
{
    [Fact]
    public void The_defaults_are_valid_and_detect_a_killed_silo_well_within_ten_seconds()
    {
        var options = new MembershipOptions();

        Assert.Empty(MembershipOptionsValidator.Problems(options));
        Assert.True(options.DeathTimeout + options.HeartbeatInterval + options.TableRefreshInterval <= TimeSpan.FromSeconds(7));
    }

    [Fact]
    public async Task A_missing_connection_string_fails_start_up_naming_the_key()
    {
        var (builder, silo) = TestSiloBuilder.Create();
        silo.AddRedisMembership();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("MultiAgent:Membership:ConnectionString", error.Message, StringComparison.Ordinal);
        Assert.Contains("MULTIAGENT__MEMBERSHIP__CONNECTIONSTRING", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("HeartbeatInterval", "00:00:00", "MultiAgent:Membership:HeartbeatInterval must be a positive duration")]
    [InlineData("DeathTimeout", "00:00:01.5", "MultiAgent:Membership:DeathTimeout (00:00:01.5000000) must be at least 2 × MultiAgent:Membership:HeartbeatInterval")]
    [InlineData("TableRefreshInterval", "-00:00:01", "MultiAgent:Membership:TableRefreshInterval must be a positive duration")]
    [InlineData("DefunctSiloRetention", "00:00:02", "MultiAgent:Membership:DefunctSiloRetention (00:00:02) must be at least MultiAgent:Membership:DeathTimeout")]
    public async Task Bad_timing_fails_start_up_naming_the_key(string key, string value, string expected)
    {
        var (builder, silo) = TestSiloBuilder.Create(new Dictionary<string, string?>
        {
            ["MultiAgent:Membership:HeartbeatInterval"] = "00:00:01",
            [$"MultiAgent:Membership:{key}"] = value,
        });
        silo.AddInMemoryMembership();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_with_bad_timing_refuses_to_join_with_the_same_words()
    {
        await using var service = new MembershipService(
            new InMemoryMembershipTable(),
            new LocalSiloDetails(NewSilo(), "silo"),
            Options.Create(new MembershipOptions { HeartbeatInterval = TimeSpan.FromSeconds(1), DeathTimeout = TimeSpan.FromSeconds(1) }),
            TimeProvider.System,
            NullLogger<MembershipService>.Instance);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => service.StartAsync(CancellationToken.None));

        Assert.Contains("MultiAgent:Membership:DeathTimeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_redis_table_binds_from_configuration_and_takes_the_silo_cluster_id()
    {
        var clusterId = NewClusterId();
        var (builder, silo) = TestSiloBuilder.Create(new Dictionary<string, string?>
        {
            ["MultiAgent:Silo:ClusterId"] = clusterId,
            ["MultiAgent:Membership:ConnectionString"] = redis.ConnectionString,
            ["MultiAgent:Membership:KeyPrefix"] = "configured",
            ["MultiAgent:Membership:DeathTimeout"] = "00:00:08",
        });
        builder.Services.Configure<SiloOptions>(builder.Configuration.GetSection(ConfigurationKeys.Silo));
        silo.AddRedisMembership();
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var table = Assert.IsType<RedisMembershipTable>(host.Services.GetRequiredService<IMembershipTable>());
            var timing = host.Services.GetRequiredService<IOptions<MembershipOptions>>().Value;

            Assert.True(await table.InsertRowAsync(Entry(NewSilo()), TableVersion.Empty, CancellationToken.None));

            Assert.Equal($"configured:{clusterId}:membership", table.Key);
            Assert.Single((await table.ReadAllAsync(CancellationToken.None)).Rows);
            Assert.Equal(TimeSpan.FromSeconds(8), timing.DeathTimeout);
            await table.DeleteClusterAsync(CancellationToken.None);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public void In_process_silos_can_share_one_in_memory_table()
    {
        var shared = new InMemoryMembershipTable();
        var (first, firstSilo) = TestSiloBuilder.Create();
        var (second, secondSilo) = TestSiloBuilder.Create();
        firstSilo.AddInMemoryMembership(shared);
        secondSilo.AddInMemoryMembership(shared);
        using var firstHost = first.Build();
        using var secondHost = second.Build();

        Assert.Same(shared, firstHost.Services.GetRequiredService<IMembershipTable>());
        Assert.Same(shared, secondHost.Services.GetRequiredService<IMembershipTable>());
    }
}
