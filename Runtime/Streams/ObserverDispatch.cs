namespace MultiAgent.Runtime.Streams;

/// <summary>Hands a delivery's events to one observer: all at once to a batch observer, else one by one in order.</summary>
internal static class ObserverDispatch
{
    public static Task DeliverAsync<T>(object observer, StreamDeliveryRequest delivery, StreamPayloadSerializer serializer)
    {
        if (delivery.Count == 1 && observer is IAsyncObserver<T> single and not IAsyncBatchObserver<T>)
        {
            return single.OnNextAsync(serializer.Deserialize<T>(delivery.Payloads[0]), delivery.TokenAt(0)); // the common case: no list, no state machine
        }

        // Every event is decoded before any is handled: a poison event fails the delivery before it had effects.
        var items = new SequentialItem<T>[delivery.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = new SequentialItem<T>(serializer.Deserialize<T>(delivery.Payloads[i]), delivery.TokenAt(i));
        }

        return observer is IAsyncBatchObserver<T> batch ? batch.OnNextAsync(items) : OneByOneAsync((IAsyncObserver<T>)observer, items);
    }

    private static async Task OneByOneAsync<T>(IAsyncObserver<T> observer, SequentialItem<T>[] items)
    {
        foreach (var item in items)
        {
            await observer.OnNextAsync(item.Item, item.Token);
        }
    }
}
