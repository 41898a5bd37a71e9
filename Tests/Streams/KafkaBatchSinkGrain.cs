using MultiAgent.Runtime;
using MultiAgent.Runtime.Streams;

namespace MultiAgent.Tests.Streams;

/// <summary>
/// A batch observer of namespace "kbatch": records each event's sequence under its key and each batch's size
/// under "{key}/batch-sizes". A batch holding an event with text "reject" is refused whole (only its size is
/// recorded, under "{key}/refused");
/// "slow" makes the batch take 20 ms, so later events queue behind it.
/// </summary>
[ImplicitStreamSubscription("kbatch")]
public sealed class KafkaBatchSinkGrain : Grain, IKafkaSinkGrain, IAsyncBatchObserver<KafkaProbeEvent>
{
    public static string BatchSizesOf(string key) => key + "/batch-sizes";

    public static string RefusedOf(string key) => key + "/refused";

    public async Task OnNextAsync(IList<SequentialItem<KafkaProbeEvent>> items)
    {
        if (items.FirstOrDefault(i => i.Item.Text == "reject") is { } rejected)
        {
            KafkaProbeLog.Record(RefusedOf(this.GetPrimaryKeyString()), items.Count);
            throw new UndeliverableEventException($"event {rejected.Item.Sequence} is invalid and will never be processed");
        }

        var key = this.GetPrimaryKeyString();
        KafkaProbeLog.Record(BatchSizesOf(key), items.Count);
        foreach (var item in items)
        {
            KafkaProbeLog.Record(key, item.Item.Sequence);
        }

        if (items.Any(i => i.Item.Text == "slow"))
        {
            await Task.Delay(20);
        }
    }

    public Task<int> Count() => Task.FromResult(KafkaProbeLog.Of(this.GetPrimaryKeyString()).Count);
}
