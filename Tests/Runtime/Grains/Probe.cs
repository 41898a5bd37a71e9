using System.Collections.Concurrent;

namespace MultiAgent.Tests.Runtime.Grains;

/// <summary>What test grains observed, by grain key; keys are unique per test so tests can share it.</summary>
public static class Probe
{
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _events = new();

    public static void Record(string key, string @event) => _events.GetOrAdd(key, _ => new()).Enqueue(@event);

    public static IReadOnlyList<string> Events(string key) => _events.TryGetValue(key, out var q) ? [.. q] : [];

    public static int Count(string key, string @event) => Events(key).Count(e => e == @event);
}
