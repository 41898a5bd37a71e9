using MultiAgent.Runtime.Hosting;
using MultiAgent.Silo.Configuration;
using MultiAgent.Silo.Health;
using MultiAgent.Silo.Hosting;

// A silo on embedded defaults: memory storage, alone, health on http://127.0.0.1:8080/healthz. With
// MultiAgent:Membership:ConnectionString it joins a cluster; with MultiAgent:Kafka:BootstrapServers it consumes Kafka
// streams; MultiAgent:Silo:GrainAssemblies adds grain code.
// Everything is configurable through appsettings.json, MULTIAGENT__… environment variables or --MultiAgent:… arguments.
try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.UseSilo(silo => silo
        .AddConfiguredGrainAssemblies()
        .AddConfiguredStorage()
        .AddConfiguredClustering()
        .AddConfiguredStreams()
        .AddConfiguredFleet()
        .AddConfiguredFleetOptions());

    var app = builder.Build();
    app.MapSiloHealth();
    return await SiloRunner.RunAsync(app);
}
catch (Exception e) when (ConfigurationError.Describe(e) is { } message)
{
    Console.Error.WriteLine($"multiagent silo: configuration error: {message}");
    return 2;
}
