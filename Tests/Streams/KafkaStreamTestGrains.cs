using System.Collections.Concurrent;
using MultiAgent.Runtime;
using MultiAgent.Runtime.Streams;

namespace MultiAgent.Tests.Streams;

public sealed record KafkaProbeEvent(int Sequence, string Text);

/// <summary>What Kafka subscribers received, by grain key; static so it outlives a killed in-process silo.</summary>
public static class KafkaProbeLog
{
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<int>> Received = new();

    public static void Record(string key, int sequence) => Received.GetOrAdd(key, _ => new()).Enqueue(sequence);

    public static IReadOnlyList<int> Of(string key) => Received.TryGetValue(key, out var q) ? [.. q] : [];
}

public interface IKafkaSinkGrain : IGrainWithStringKey
{
    Task<int> Count();
}

/// <summary>Implicitly subscribed to namespace "kprobe"; an event with text "fail" throws every time.</summary>
[ImplicitStreamSubscription("kprobe")]
public sealed class KafkaSinkGrain : Grain, IKafkaSinkGrain, IAsyncObserver<KafkaProbeEvent>
{
    public async Task OnNextAsync(KafkaProbeEvent item, StreamSequenceToken? token = null)
    {
        if (item.Text == "fail")
        {
            throw new InvalidOperationException($"event {item.Sequence} is refused every time");
        }

        if (item.Text == "reject")
        {
            throw new UndeliverableEventException($"event {item.Sequence} is invalid and will never be processed");
        }

        if (item.Text == "slow")
        {
            await Task.Delay(10);
        }

        KafkaProbeLog.Record(this.GetPrimaryKeyString(), item.Sequence);
    }

    public Task<int> Count() => Task.FromResult(KafkaProbeLog.Of(this.GetPrimaryKeyString()).Count);
}

public interface IKafkaSubscriberGrain : IGrainWithStringKey
{
    Task Subscribe(string streamKey);

    Task DeactivateSoon();
}

/// <summary>Subscribes explicitly to streams of namespace "ktopic" and observes them itself.</summary>
public sealed class KafkaSubscriberGrain : Grain, IKafkaSubscriberGrain, IAsyncObserver<KafkaProbeEvent>
{
    public Task Subscribe(string streamKey) =>
        this.GetStreamProvider("kafka").GetStream<KafkaProbeEvent>(StreamId.Create("ktopic", streamKey)).SubscribeAsync(this);

    public Task OnNextAsync(KafkaProbeEvent item, StreamSequenceToken? token = null)
    {
        KafkaProbeLog.Record(this.GetPrimaryKeyString(), item.Sequence);
        return Task.CompletedTask;
    }

    public Task DeactivateSoon()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
