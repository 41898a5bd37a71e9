
namespace MultiAgent.Runtime.Streams.PubSub;

/// <summary>
/// The explicit subscriptions of one stream, keyed <c>provider/namespace/key</c>. Persisted in the
/// storage provider named "PubSubStore" (in a cluster, make it shared — Redis — so subscriptions
/// survive their grain moving between silos).
/// </summary>
internal interface IPubSubRendezvousGrain : IGrainWithStringKey
{
    Task Subscribe(string handleId, string subscriberGrainId);

    Task Unsubscribe(string handleId);

    Task<IReadOnlyList<StreamSubscription>> GetSubscriptions();
}

/// <summary>One explicit subscription: its handle and the subscribing grain (<c>type/key</c>).</summary>
internal sealed record StreamSubscription(string HandleId, string SubscriberGrainId);

internal sealed class PubSubState
{
    public List<StreamSubscription> Subscriptions { get; set; } = [];
}

[GrainType("sys.pubsub")]
internal sealed class PubSubRendezvousGrain(
    [PersistentState("subscriptions", PubSubRendezvousGrain.StorageName)] IPersistentState<PubSubState> state) : Grain, IPubSubRendezvousGrain
{
    public const string StorageName = "PubSubStore";

    public async Task Subscribe(string handleId, string subscriberGrainId)
    {
        if (state.State.Subscriptions.Any(s => s.HandleId == handleId))
        {
            return;
        }

        state.State.Subscriptions.Add(new StreamSubscription(handleId, subscriberGrainId));
        await state.WriteStateAsync();
    }

    public async Task Unsubscribe(string handleId)
    {
        if (state.State.Subscriptions.RemoveAll(s => s.HandleId == handleId) > 0)
        {
            await state.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<StreamSubscription>> GetSubscriptions() => Task.FromResult<IReadOnlyList<StreamSubscription>>([.. state.State.Subscriptions]);
}

internal static class PubSubKeys
{
    public static string For(string provider, StreamId stream) => $"{provider}/{stream.Namespace}/{stream.Key}";
}
