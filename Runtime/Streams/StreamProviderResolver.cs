namespace MultiAgent.Runtime.Streams;

internal sealed class StreamProviderResolver(IEnumerable<IStreamProvider> providers) : IStreamProviderResolver
{
    private readonly Dictionary<string, IStreamProvider> _byName = providers.ToDictionary(p => p.Name, StringComparer.Ordinal);

    public IStreamProvider GetStreamProvider(string name) =>
        _byName.TryGetValue(name, out var provider)
            ? provider
            : throw new ArgumentException(
                $"No stream provider named '{name}' is configured; configured: {(_byName.Count == 0 ? "none" : string.Join(", ", _byName.Keys))}.", nameof(name));
}
