namespace MultiAgent.Runtime.Streams;

/// <summary>
/// The stream observers attached in one activation. A delivery for an explicit subscription goes
/// to that subscription's observer; an implicit one to every observer attached to the stream; with
/// none attached, to the grain itself if it is an observer.
/// </summary>
internal sealed class ActivationStreams(StreamPayloadSerializer serializer)
{
    private readonly List<(string Provider, StreamId Stream, IStreamObserverEntry Entry)> _observers = [];

    public void Attach(string provider, StreamId stream, IStreamObserverEntry entry)
    {
        Detach(entry.HandleId);
        _observers.Add((provider, stream, entry));
    }

    public void Detach(Guid handleId) => _observers.RemoveAll(o => o.Entry.HandleId == handleId);

    public Task DeliverAsync(StreamDeliveryRequest delivery, object grain) =>
        _observers.Count == 0
            ? GrainAsObserver.DeliverAsync(grain, delivery, serializer) // the common case: the grain is the observer
            : DeliverToAttachedAsync(delivery, grain);

    private async Task DeliverToAttachedAsync(StreamDeliveryRequest delivery, object grain)
    {
        var stream = delivery.StreamId;
        var explicitHandle = delivery.HandleId.Length == 0 ? (Guid?)null : Guid.Parse(delivery.HandleId);
        var delivered = false;
        foreach (var (provider, attachedStream, entry) in _observers.ToArray())
        {
            if (provider == delivery.ProviderName && attachedStream == stream && (explicitHandle is null || entry.HandleId == explicitHandle))
            {
                await entry.DeliverAsync(delivery, serializer);
                delivered = true;
            }
        }

        if (!delivered)
        {
            await GrainAsObserver.DeliverAsync(grain, delivery, serializer);
        }
    }
}
