using MultiAgent.Runtime;

namespace MultiAgent.Tests.Runtime.Grains;

public sealed class CounterState
{
    public int Count { get; set; }

    public List<string> History { get; set; } = [];
}

public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> Increment(string note);

    /// <summary>Increments in memory only; persisted by OnDeactivateAsync.</summary>
    Task<int> IncrementUnsaved();

    Task<CounterState> Get();

    Task<string?> Etag();

    Task<bool> RecordExists();

    Task Clear();

    Task DeactivateSoon();
}

/// <summary>A counter on the storage provider named "store" (memory or Redis, as the test cluster configures).</summary>
public sealed class CounterGrain([PersistentState("counter", "store")] IPersistentState<CounterState> state) : Grain, ICounterGrain
{
    private bool _dirty;

    public async Task<int> Increment(string note)
    {
        state.State.Count++;
        state.State.History.Add(note);
        await state.WriteStateAsync();
        return state.State.Count;
    }

    public Task<int> IncrementUnsaved()
    {
        _dirty = true;
        return Task.FromResult(++state.State.Count);
    }

    public Task<CounterState> Get() => Task.FromResult(state.State);

    public Task<string?> Etag() => Task.FromResult(state.Etag);

    public Task<bool> RecordExists() => Task.FromResult(state.RecordExists);

    public Task Clear() => state.ClearStateAsync();

    public Task DeactivateSoon()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_dirty)
        {
            await state.WriteStateAsync(cancellationToken);
        }
    }
}

public interface IMisconfiguredStorageGrain : IGrainWithStringKey
{
    Task<int> Read();
}

public sealed class MisconfiguredStorageGrain([PersistentState("counter", "no-such-store")] IPersistentState<CounterState> state)
    : Grain, IMisconfiguredStorageGrain
{
    public Task<int> Read() => Task.FromResult(state.State.Count);
}
