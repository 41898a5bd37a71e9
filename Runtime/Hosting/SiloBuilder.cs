using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MultiAgent.Runtime.Hosting;

internal sealed class SiloBuilder(IServiceCollection services, IConfiguration configuration) : ISiloBuilder
{
    public IServiceCollection Services { get; } = services;

    public IConfiguration Configuration { get; } = configuration;
}

/// <summary>Assemblies whose grain code is registered in addition to those found automatically.</summary>
public sealed class GrainAssemblyOptions
{
    public List<Assembly> Assemblies { get; } = [];
}
