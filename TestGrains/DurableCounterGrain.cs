using MultiAgent.Runtime;

namespace MultiAgent.TestGrains;

public sealed class DurableCounterState
{
    public int Value { get; set; }
}

/// <summary>A counter's value and the silo that answered.</summary>
public sealed record CounterReading(int Value, string SiloName);

public interface IDurableCounterGrain : IGrainWithStringKey
{
    /// <summary>Adds <paramref name="amount"/> and writes the state before answering.</summary>
    Task<CounterReading> Add(int amount);

    /// <summary>Adds <paramref name="amount"/> in memory only; OnDeactivateAsync writes it.</summary>
    Task<CounterReading> AddUnsaved(int amount);

    Task<CounterReading> Get();
}

/// <summary>A counter in the storage named "Default" (Redis when silos must share it) that reports where it runs.</summary>
public sealed class DurableCounterGrain(
    [PersistentState("counter", "Default")] IPersistentState<DurableCounterState> state,
    ISiloStatus silo) : Grain, IDurableCounterGrain
{
    private bool _dirty;

    public async Task<CounterReading> Add(int amount)
    {
        state.State.Value += amount;
        await state.WriteStateAsync();
        _dirty = false;
        return Reading();
    }

    public Task<CounterReading> AddUnsaved(int amount)
    {
        state.State.Value += amount;
        _dirty = true;
        return Task.FromResult(Reading());
    }

    public Task<CounterReading> Get() => Task.FromResult(Reading());

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_dirty)
        {
            await state.WriteStateAsync(cancellationToken);
        }
    }

    private CounterReading Reading() => new(state.State.Value, silo.SiloName);
}
