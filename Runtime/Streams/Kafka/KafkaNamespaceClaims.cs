namespace MultiAgent.Runtime.Streams.Kafka;

/// <summary>
/// Which Kafka stream provider of a silo consumes which stream namespace, so no event is delivered twice.
/// A provider claims the namespaces listed in its <c>Namespaces</c> and the implicitly subscribed ones it
/// maps in <c>Topics</c>; implicitly subscribed namespaces nobody claims go to the first Kafka provider
/// added (the single-provider case: it consumes them all). Two providers claiming one namespace is a
/// configuration error, named at start-up.
/// </summary>
internal sealed class KafkaNamespaceClaims
{
    private readonly List<string> _providers = [];

    /// <summary>Kafka providers in the order they were added to the silo.</summary>
    public IReadOnlyList<string> Providers => _providers;

    public void Add(string provider)
    {
        if (!_providers.Contains(provider, StringComparer.Ordinal))
        {
            _providers.Add(provider);
        }
    }

    /// <summary>The namespaces <paramref name="provider"/> consumes.</summary>
    /// <param name="optionsOf">Each provider's options, by name.</param>
    public IReadOnlyList<string> NamespacesOf(string provider, IReadOnlyCollection<string> implicitNamespaces, Func<string, KafkaStreamOptions> optionsOf)
    {
        var claims = _providers.ToDictionary(p => p, p => Claimed(optionsOf(p), implicitNamespaces), StringComparer.Ordinal);
        ThrowOnDoubleClaims(claims);
        var consumed = new List<string>(claims[provider]);
        if (_providers.Count > 0 && string.Equals(_providers[0], provider, StringComparison.Ordinal))
        {
            var claimedByAny = claims.Values.SelectMany(c => c).ToHashSet(StringComparer.Ordinal);
            consumed.AddRange(implicitNamespaces.Where(ns => !claimedByAny.Contains(ns)));
        }

        return consumed;
    }

    private static HashSet<string> Claimed(KafkaStreamOptions options, IReadOnlyCollection<string> implicitNamespaces)
    {
        var claimed = new HashSet<string>(options.Namespaces, StringComparer.Ordinal);
        claimed.UnionWith(options.Topics.Keys.Where(implicitNamespaces.Contains));
        return claimed;
    }

    private static void ThrowOnDoubleClaims(Dictionary<string, HashSet<string>> claims)
    {
        var doubles = claims
            .SelectMany(c => c.Value.Select(ns => (Namespace: ns, Provider: c.Key)))
            .GroupBy(c => c.Namespace, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => $"stream namespace '{g.Key}' is claimed by Kafka providers {string.Join(" and ", g.Select(c => $"'{c.Provider}'"))} " +
                         $"(MultiAgent:Streams:{{provider}}:Topics / :Namespaces); each event would be delivered once per provider — list it under one.")
            .ToList();
        if (doubles.Count > 0)
        {
            throw new InvalidOperationException(string.Join(" ", doubles));
        }
    }
}
