using MultiAgent.Runtime;

namespace MultiAgent.Tests.Cluster;

public interface IPlacementProbeGrain : IGrainWithStringKey
{
    /// <summary>The name of the silo hosting this activation.</summary>
    Task<string> SiloName();

    Task<int> ActivationCount();

    /// <summary>Calls another probe (on whatever silo owns it) and returns where it ran.</summary>
    Task<string> SiloNameOf(IPlacementProbeGrain other);
}

/// <summary>Reports where it lives, so tests can see placement and cross-silo routing.</summary>
public sealed class PlacementProbeGrain(ISiloStatus silo) : Grain, IPlacementProbeGrain
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> Activations = new();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Activations.AddOrUpdate(this.GetPrimaryKeyString(), 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }

    public Task<string> SiloName() => Task.FromResult(silo.SiloName);

    public Task<int> ActivationCount() => Task.FromResult(Activations.GetValueOrDefault(this.GetPrimaryKeyString()));

    public Task<string> SiloNameOf(IPlacementProbeGrain other) => other.SiloName();
}
