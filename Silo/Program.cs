using Microsoft.Extensions.Options;
using MultiAgent.Runtime.Hosting;
using MultiAgent.Silo.Configuration;
using MultiAgent.Silo.Health;

// A silo on embedded defaults: memory storage, health on http://127.0.0.1:8080/healthz.
// Everything is configurable through appsettings.json, MULTIAGENT__… environment variables or --MultiAgent:… arguments.
try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.UseSilo(silo => silo.AddConfiguredStorage());

    var app = builder.Build();
    app.MapSiloHealth();
    await app.RunAsync();
    return 0;
}
catch (Exception e) when (ConfigurationError.Describe(e) is { } message)
{
    Console.Error.WriteLine($"multiagent silo: configuration error: {message}");
    return 2;
}
