using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MultiAgent.Runtime.Hosting;

namespace MultiAgent.Tests.Storage;

/// <summary>Just enough of a silo builder to exercise storage registration on a real generic host.</summary>
internal sealed class TestSiloBuilder(IServiceCollection services, IConfiguration configuration) : ISiloBuilder
{
    public IServiceCollection Services { get; } = services;

    public IConfiguration Configuration { get; } = configuration;

    /// <summary>A host that ignores the machine's environment variables and appsettings, so tests see only what they set.</summary>
    public static (HostApplicationBuilder Host, TestSiloBuilder Silo) Create(IDictionary<string, string?>? configuration = null)
    {
        var host = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        if (configuration is not null)
        {
            host.Configuration.AddInMemoryCollection(configuration);
        }

        return (host, new TestSiloBuilder(host.Services, host.Configuration));
    }
}
