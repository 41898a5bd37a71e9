using MultiAgent.Runtime;

namespace MultiAgent.TestGrains;

public interface ISiloReporterGrain : IGrainWithStringKey
{
    /// <summary>The name of the silo hosting this activation.</summary>
    Task<string> SiloName();

    /// <summary>The id of the process hosting this activation.</summary>
    Task<int> ProcessId();
}

/// <summary>Stateless: says where it runs, so tests see placement across silo processes.</summary>
public sealed class SiloReporterGrain(ISiloStatus silo) : Grain, ISiloReporterGrain
{
    public Task<string> SiloName() => Task.FromResult(silo.SiloName);

    public Task<int> ProcessId() => Task.FromResult(Environment.ProcessId);
}
