using MultiAgent.Runtime.Membership;

namespace MultiAgent.Silo.Hosting;

/// <summary>Runs the silo until it stops (SIGTERM, Ctrl-C, or declared dead) and turns how it stopped into the exit code.</summary>
internal static class SiloRunner
{
    /// <summary>The cluster declared this silo dead and it stopped without deactivating its grains; a supervisor should start a new one.</summary>
    public const int DeclaredDeadExitCode = 3;

    public static async Task<int> RunAsync(WebApplication app)
    {
        await app.StartAsync();
        var membership = app.Services.GetService<MembershipService>(); // only when clustered
        await app.WaitForShutdownAsync();

        // Read before disposing: afterwards the membership service is gone.
        var declaredDead = membership?.IsDeclaredDead == true;
        await app.DisposeAsync();
        return declaredDead ? DeclaredDeadExitCode : 0;
    }
}
