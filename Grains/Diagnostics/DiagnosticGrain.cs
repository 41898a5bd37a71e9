using MultiAgent.Runtime;

namespace MultiAgent.Grains.Diagnostics;

public sealed class DiagnosticGrain(ISiloStatus silo) : Grain, IDiagnosticGrain
{
    private readonly DateTimeOffset _activatedAt = DateTimeOffset.UtcNow;
    private long _calls;

    public Task<DiagnosticPong> Ping(string message) =>
        Task.FromResult(new DiagnosticPong(GrainId.ToString(), silo.SiloName, silo.SiloAddress, _activatedAt, ++_calls, message));
}
