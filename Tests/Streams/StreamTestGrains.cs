using MultiAgent.Runtime;
using MultiAgent.Runtime.Streams;

namespace MultiAgent.Tests.Streams;

public sealed record ProbeEvent(int Sequence, string Text);

public interface IStreamSinkGrain : IGrainWithStringKey
{
    Task<IReadOnlyList<int>> Received();

    Task<int> MaxOverlap();

    Task Work(int delayMs);
}

/// <summary>Implicitly subscribed to namespace "probe": receives every event of stream probe/&lt;its key&gt;.</summary>
[ImplicitStreamSubscription("probe")]
public sealed class StreamSinkGrain : Grain, IStreamSinkGrain, IAsyncObserver<ProbeEvent>
{
    private readonly List<int> _received = [];
    private int _inFlight;
    private int _maxOverlap;

    public async Task OnNextAsync(ProbeEvent item, StreamSequenceToken? token = null)
    {
        _maxOverlap = Math.Max(_maxOverlap, ++_inFlight);
        await Task.Yield();
        _received.Add(item.Sequence);
        _inFlight--;
    }

    public Task<IReadOnlyList<int>> Received() => Task.FromResult<IReadOnlyList<int>>([.. _received]);

    public Task<int> MaxOverlap() => Task.FromResult(_maxOverlap);

    public async Task Work(int delayMs)
    {
        _maxOverlap = Math.Max(_maxOverlap, ++_inFlight);
        await Task.Delay(delayMs);
        _inFlight--;
    }
}

public interface IStreamSubscriberGrain : IGrainWithStringKey
{
    Task Subscribe(string streamKey);

    Task SubscribeWithDelegate(string streamKey);

    Task UnsubscribeAll(string streamKey);

    Task<IReadOnlyList<string>> Received();

    Task DeactivateSoon();
}

/// <summary>Subscribes explicitly to streams of namespace "topic"; is itself an observer, so resumed subscriptions reach it after reactivation.</summary>
public sealed class StreamSubscriberGrain : Grain, IStreamSubscriberGrain, IAsyncObserver<ProbeEvent>
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, System.Collections.Concurrent.ConcurrentQueue<string>> Log = new();

    private IAsyncStream<ProbeEvent> Stream(string key) => this.GetStreamProvider("mem").GetStream<ProbeEvent>(StreamId.Create("topic", key));

    public Task Subscribe(string streamKey) => Stream(streamKey).SubscribeAsync(this);

    public Task SubscribeWithDelegate(string streamKey) =>
        Stream(streamKey).SubscribeAsync((e, _) => Record($"delegate:{e.Text}"));

    public async Task UnsubscribeAll(string streamKey)
    {
        foreach (var handle in await Stream(streamKey).GetAllSubscriptionHandles())
        {
            await handle.UnsubscribeAsync();
        }
    }

    public Task OnNextAsync(ProbeEvent item, StreamSequenceToken? token = null) => Record($"self:{item.Text}");

    public Task<IReadOnlyList<string>> Received() =>
        Task.FromResult<IReadOnlyList<string>>(Log.TryGetValue(this.GetPrimaryKeyString(), out var q) ? [.. q] : []);

    public Task DeactivateSoon()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    private Task Record(string entry)
    {
        Log.GetOrAdd(this.GetPrimaryKeyString(), _ => new()).Enqueue(entry);
        return Task.CompletedTask;
    }
}

public interface IDeafGrain : IGrainWithStringKey
{
    Task Nothing();
}

/// <summary>Implicitly subscribed but observes nothing: deliveries must fail with a clear message.</summary>
[ImplicitStreamSubscription("deaf")]
public sealed class DeafGrain : Grain, IDeafGrain
{
    public Task Nothing() => Task.CompletedTask;
}

public interface IStreamBatchSubscriberGrain : IGrainWithStringKey
{
    Task Subscribe(string streamKey);

    Task<IReadOnlyList<string>> Batches();
}

/// <summary>Subscribes explicitly with a batch observer; records each delivery as "text,text,…".</summary>
public sealed class StreamBatchSubscriberGrain : Grain, IStreamBatchSubscriberGrain, IAsyncBatchObserver<ProbeEvent>
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, System.Collections.Concurrent.ConcurrentQueue<string>> Log = new();

    public async Task Subscribe(string streamKey)
    {
        var stream = this.GetStreamProvider("mem").GetStream<ProbeEvent>(StreamId.Create("topic", streamKey));
        await stream.SubscribeAsync((IAsyncBatchObserver<ProbeEvent>)this);
    }

    public Task OnNextAsync(IList<SequentialItem<ProbeEvent>> items)
    {
        Log.GetOrAdd(this.GetPrimaryKeyString(), _ => new()).Enqueue(string.Join(",", items.Select(i => i.Item.Text)));
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> Batches() =>
        Task.FromResult<IReadOnlyList<string>>(Log.TryGetValue(this.GetPrimaryKeyString(), out var q) ? [.. q] : []);
}
