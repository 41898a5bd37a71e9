using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MultiAgent.Runtime.Hosting;

/// <summary>Configures a silo: its services and the configuration they bind from. Extended by providers (storage, clustering, streams).</summary>
public interface ISiloBuilder
{
    IServiceCollection Services { get; }

    IConfiguration Configuration { get; }
}
