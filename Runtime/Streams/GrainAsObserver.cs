using System.Collections.Concurrent;
using System.Reflection;

namespace MultiAgent.Runtime.Streams;

/// <summary>
/// Delivers to a grain that implements <see cref="IAsyncObserver{T}"/> or <see cref="IAsyncBatchObserver{T}"/> itself: how implicit
/// subscribers and resumed explicit subscriptions receive events with no observer attached.
/// The interfaces are looked up once per grain class.
/// </summary>
internal static class GrainAsObserver
{
    private static readonly ConcurrentDictionary<Type, Dictionary<string, Func<object, StreamDeliveryRequest, StreamPayloadSerializer, Task>>> ByClass = new();

    private static readonly MethodInfo DeliverMethod = typeof(GrainAsObserver).GetMethod(nameof(Deliver), BindingFlags.NonPublic | BindingFlags.Static)!;

    public static Task DeliverAsync(object grain, StreamDeliveryRequest delivery, StreamPayloadSerializer serializer)
    {
        var observers = ByClass.GetOrAdd(grain.GetType(), Discover);
        if (observers.TryGetValue(delivery.EventType, out var deliver)
            || (observers.Count == 1 && (deliver = observers.Values.First()) is not null))
        {
            return deliver(grain, delivery, serializer);
        }

        var handle = delivery.HandleId.Length == 0 ? "its implicit subscription" : $"subscription {delivery.HandleId}";
        throw new InvalidOperationException(
            $"Grain {((Grain)grain).GrainId} got an event of stream {delivery.ProviderName}:{delivery.StreamId} for {handle} but has no observer for it: " +
            $"implement IAsyncObserver<{delivery.EventType}> (or IAsyncBatchObserver) on the grain class, or attach one in OnActivateAsync (SubscribeAsync / ResumeAsync).");
    }

    private static Dictionary<string, Func<object, StreamDeliveryRequest, StreamPayloadSerializer, Task>> Discover(Type grainClass) =>
        grainClass.GetInterfaces()
            .Where(i => i.IsGenericType && (i.GetGenericTypeDefinition() == typeof(IAsyncObserver<>) || i.GetGenericTypeDefinition() == typeof(IAsyncBatchObserver<>)))
            .Select(i => i.GetGenericArguments()[0])
            .Distinct()
            .ToDictionary(
                t => t.FullName!,
                t => DeliverMethod.MakeGenericMethod(t).CreateDelegate<Func<object, StreamDeliveryRequest, StreamPayloadSerializer, Task>>());

    private static Task Deliver<T>(object grain, StreamDeliveryRequest delivery, StreamPayloadSerializer serializer) =>
        ObserverDispatch.DeliverAsync<T>(grain, delivery, serializer);
}
