using MultiAgent.Runtime;
using MultiAgent.Runtime.Hosting;
using MultiAgent.Runtime.Membership;

namespace MultiAgent.Silo.Health;

/// <summary>
/// <c>GET /healthz</c>: the silo with its name, cluster and activation count and, when clustered, its address,
/// gateway port, membership status and the number of active silos it sees. 200 while it serves; 503 while a
/// clustered silo is joining, shutting down or declared dead, so a load balancer sends nothing its way.
/// </summary>
internal static class SiloHealthEndpoints
{
    public static IEndpointRouteBuilder MapSiloHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", (ISiloStatus status, IServiceProvider services) =>
        {
            // Registered only when clustered.
            var membership = services.GetService<MembershipService>();
            var serving = membership is null || (membership.Status == SiloStatus.Active && !membership.IsDeclaredDead);
            var body = new
            {
                status = serving ? "healthy" : "unavailable",
                silo = status.SiloName,
                cluster = status.ClusterId,
                startedAt = status.StartedAt,
                activations = status.ActivationCount,
                siloAddress = status.SiloAddress,
                gatewayPort = services.GetService<LocalSiloDetails>()?.GatewayPort,
                membershipStatus = membership?.Status.ToString(),
                activeSilos = membership is null ? (int?)null : status.ActiveSilos,
            };
            return serving ? Results.Ok(body) : Results.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
        });
        return endpoints;
    }
}
