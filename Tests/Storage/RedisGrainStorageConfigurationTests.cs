using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MultiAgent.Runtime.Hosting;
using MultiAgent.Runtime.Storage;
using MultiAgent.Tests.Infrastructure;
using static MultiAgent.Tests.Storage.StorageTestIds;

namespace MultiAgent.Tests.Storage;

/// <summary>Registration through the silo builder: configuration binding, start-up validation, names.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisGrainStorageConfigurationTests(RedisServer redis)
{
    [Theory]
    [InlineData(GrainStorageNames.Default)]
    [InlineData("Archive")]
    public async Task A_missing_connection_string_fails_start_up_naming_the_key(string name)
    {
        var (builder, silo) = TestSiloBuilder.Create();
        silo.AddRedisGrainStorage(name);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains($"MultiAgent:Storage:{name}:ConnectionString", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{name}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_value_fails_start_up_naming_the_key()
    {
        var (builder, silo) = TestSiloBuilder.Create(new Dictionary<string, string?>
        {
            ["MultiAgent:Storage:Default:ConnectionString"] = "localhost",
            ["MultiAgent:Storage:Default:KeyPrefix"] = " ",
        });
        silo.AddRedisGrainStorageAsDefault();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("MultiAgent:Storage:Default:KeyPrefix", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Storage_configured_from_configuration_round_trips_through_redis()
    {
        var serviceId = $"config-{Guid.NewGuid():N}";
        var (builder, silo) = TestSiloBuilder.Create(new Dictionary<string, string?>
        {
            ["MultiAgent:Storage:Default:ConnectionString"] = redis.ConnectionString,
            ["MultiAgent:Storage:Default:ServiceId"] = serviceId,
        });
        silo.AddRedisGrainStorageAsDefault(o => o.KeyPrefix = "configured");
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var options = host.Services.GetRequiredService<IOptionsMonitor<RedisGrainStorageOptions>>().Get(GrainStorageNames.Default);
            var state = host.Services.GetRequiredService<PersistentStateFactory>().Create<ProfileState>(NewGrainId(), "profile", null);
            state.State.Name = "Ada";

            await state.WriteStateAsync();
            await state.ReadStateAsync();

            Assert.Equal(serviceId, options.ServiceId);
            Assert.Equal("configured", options.KeyPrefix);
            Assert.True(state.RecordExists);
            Assert.Equal("Ada", state.State.Name);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public void The_last_provider_added_under_a_name_is_used()
    {
        var (builder, silo) = TestSiloBuilder.Create();
        silo.AddRedisGrainStorageAsDefault(o => o.ConnectionString = redis.ConnectionString);
        silo.AddMemoryGrainStorageAsDefault();
        using var host = builder.Build();

        var storage = host.Services.GetRequiredKeyedService<IGrainStorage>(GrainStorageNames.Default);

        Assert.IsType<MemoryGrainStorage>(storage);
    }
}
