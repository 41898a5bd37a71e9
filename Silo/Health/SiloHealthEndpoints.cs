using MultiAgent.Runtime.Hosting;

namespace MultiAgent.Silo.Health;

/// <summary><c>GET /healthz</c>: the silo is up and serving, with its name, cluster and activation count.</summary>
internal static class SiloHealthEndpoints
{
    public static IEndpointRouteBuilder MapSiloHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", (ISiloStatus status) => Results.Ok(new
        {
            status = "healthy",
            silo = status.SiloName,
            cluster = status.ClusterId,
            startedAt = status.StartedAt,
            activations = status.ActivationCount,
        }));
        return endpoints;
    }
}
