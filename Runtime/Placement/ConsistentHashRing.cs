namespace MultiAgent.Runtime.Placement;

/// <summary>
/// Silos on a ring of 2^32 positions, each at <see cref="VirtualNodesPerSilo"/> points; a grain
/// belongs to the first silo point at or after its uniform hash. Adding or removing a silo moves
/// only the grains between its points and their predecessors: about 1/N of them.
/// Immutable: a membership change builds a new ring.
/// </summary>
internal sealed class ConsistentHashRing<TSilo> where TSilo : notnull
{
    public const int VirtualNodesPerSilo = 64;

    private readonly uint[] _positions;
    private readonly TSilo[] _owners;

    public ConsistentHashRing(IEnumerable<TSilo> silos, Func<TSilo, string> stableName)
    {
        var points = new List<(uint Position, TSilo Silo, string Name)>();
        foreach (var silo in silos)
        {
            var name = stableName(silo);
            for (var i = 0; i < VirtualNodesPerSilo; i++)
            {
                points.Add((UniformHash.Of(name, i.ToString(System.Globalization.CultureInfo.InvariantCulture)), silo, name));
            }
        }

        // Ties (vanishingly rare) break by name so every silo builds the same ring.
        points.Sort((a, b) => a.Position != b.Position ? a.Position.CompareTo(b.Position) : string.CompareOrdinal(a.Name, b.Name));
        _positions = points.Select(p => p.Position).ToArray();
        _owners = points.Select(p => p.Silo).ToArray();
        Silos = points.Select(p => p.Silo).Distinct().ToArray();
    }

    public IReadOnlyList<TSilo> Silos { get; }

    public bool IsEmpty => _positions.Length == 0;

    public TSilo GetOwner(GrainId grainId)
    {
        if (_positions.Length == 0)
        {
            throw new SiloUnavailableException($"No active silo can host grain {grainId}: the cluster has no active members.");
        }

        var index = Array.BinarySearch(_positions, grainId.GetUniformHashCode());
        if (index < 0)
        {
            index = ~index;
        }

        return _owners[index == _positions.Length ? 0 : index];
    }
}
