using MultiAgent.Runtime;
using MultiAgent.Runtime.Streams;

namespace MultiAgent.TestGrains;

/// <summary>One numbered event of the "kill-probe" stream namespace.</summary>
public sealed record TallyEvent(int Sequence);

public sealed class KafkaTallyState
{
    public HashSet<int> Received { get; set; } = [];
}

public interface IKafkaTallyGrain : IGrainWithStringKey
{
    /// <summary>The distinct sequence numbers received so far, ascending.</summary>
    Task<int[]> Received();
}

/// <summary>
/// Implicitly subscribed to "kill-probe": keeps the set of sequence numbers it received in the shared
/// storage, written before the delivery completes, so a committed offset never covers an event that a
/// killed silo only held in memory.
/// </summary>
[ImplicitStreamSubscription("kill-probe")]
public sealed class KafkaTallyGrain(
    [PersistentState("tally", "Default")] IPersistentState<KafkaTallyState> state) : Grain, IKafkaTallyGrain, IAsyncObserver<TallyEvent>
{
    public async Task OnNextAsync(TallyEvent item, StreamSequenceToken? token = null)
    {
        // A redelivered duplicate changes nothing: no write needed.
        if (state.State.Received.Add(item.Sequence))
        {
            await state.WriteStateAsync();
        }
    }

    public Task<int[]> Received() => Task.FromResult(state.State.Received.Order().ToArray());
}
