using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MultiAgent.Runtime.Hosting;

namespace MultiAgent.Tests.Runtime;

public sealed class ConfigurationTests
{
    [Theory]
    [InlineData("MultiAgent:GrainCollection:CollectionAge", "-00:00:01")]
    [InlineData("MultiAgent:GrainCollection:CollectionQuantum", "00:00:00")]
    [InlineData("MultiAgent:Messaging:ResponseTimeout", "-00:00:05")]
    [InlineData("MultiAgent:Silo:ClusterId", "")]
    public async Task A_wrong_value_stops_start_up_naming_its_key(string key, string value)
    {
        using var host = BuildHost(key, value);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(key, error.Message);
    }

    [Fact]
    public async Task An_unparsable_value_names_its_key()
    {
        var error = await Assert.ThrowsAnyAsync<InvalidOperationException>(async () =>
        {
            using var host = BuildHost("MultiAgent:Messaging:ResponseTimeout", "soon");
            await host.StartAsync();
        });

        Assert.Contains("MultiAgent:Messaging:ResponseTimeout", error.Message);
    }

    [Fact]
    public async Task Valid_values_start_the_silo()
    {
        using var host = BuildHost("MultiAgent:Messaging:ResponseTimeout", "00:00:05");

        await host.StartAsync();
        await host.StopAsync();
    }

    private static IHost BuildHost(string key, string value)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection([new(key, value)]);
        builder.UseSilo();
        return builder.Build();
    }
}
