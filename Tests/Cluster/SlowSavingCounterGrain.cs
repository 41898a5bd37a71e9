using MultiAgent.Runtime;
using MultiAgent.TestGrains;

namespace MultiAgent.Tests.Cluster;

public interface ISlowSavingCounterGrain : IGrainWithStringKey
{
    /// <summary>Adds in memory only; the value is written when the grain deactivates.</summary>
    Task<int> AddUnsaved(int amount);

    Task<int> Get();
}

/// <summary>
/// Writes its state only in OnDeactivateAsync, and slowly (as a grain saving a large state would): while it
/// saves, no other activation of it may start, or that one would load the state from before the save.
/// </summary>
public sealed class SlowSavingCounterGrain([PersistentState("counter", "Default")] IPersistentState<DurableCounterState> state)
    : Grain, ISlowSavingCounterGrain
{
    public static readonly TimeSpan SaveTime = TimeSpan.FromMilliseconds(500);

    public Task<int> AddUnsaved(int amount) => Task.FromResult(state.State.Value += amount);

    public Task<int> Get() => Task.FromResult(state.State.Value);

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await Task.Delay(SaveTime, cancellationToken);
        await state.WriteStateAsync(cancellationToken);
    }
}
