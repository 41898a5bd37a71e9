using MultiAgent.Runtime;

namespace MultiAgent.Grains.Diagnostics;

/// <summary>
/// Answers where it runs: for checking that a client reaches the cluster and seeing which silo
/// owns a key (<c>multiagent-client ping &lt;key&gt;</c>).
/// </summary>
public interface IDiagnosticGrain : IGrainWithStringKey
{
    Task<DiagnosticPong> Ping(string message);
}

/// <param name="Calls">Pings this activation has answered, this one included.</param>
public sealed record DiagnosticPong(string GrainId, string SiloName, string? SiloAddress, DateTimeOffset ActivatedAt, long Calls, string Message);
