using MultiAgent.Runtime.Membership;

namespace MultiAgent.Runtime.Placement;

/// <summary>
/// Hash placement: a grain belongs to the active silo that follows its uniform hash on a
/// consistent-hash ring of the current membership view. Every silo with the same view computes the
/// same owner, with no directory lookup on the call path.
/// </summary>
internal sealed class HashRingPlacement : IGrainPlacement, IDisposable
{
    private readonly MembershipService _membership;
    private readonly SiloAddress _self;
    private ConsistentHashRing<SiloAddress> _ring = new([], s => s.ToString());
    private long _builtFromVersion = -1;

    public HashRingPlacement(MembershipService membership)
    {
        _membership = membership;
        _self = membership.SiloAddress;
        membership.ViewChanged += OnViewChanged;
        Rebuild(membership.CurrentView);
    }

    /// <summary>Raised after the ring changed, so misplaced activations can move.</summary>
    public event Action? RingChanged;

    public IReadOnlyList<SiloAddress> Silos => Volatile.Read(ref _ring).Silos;

    public SiloAddress? GetRemoteOwner(GrainId grainId)
    {
        var owner = Volatile.Read(ref _ring).GetOwner(grainId);
        return owner == _self ? null : owner;
    }

    private void OnViewChanged(object? sender, MembershipView view)
    {
        if (Rebuild(view))
        {
            RingChanged?.Invoke();
        }
    }

    private bool Rebuild(MembershipView view)
    {
        lock (_membership)
        {
            if (view.Version.Version <= _builtFromVersion)
            {
                return false;
            }

            _builtFromVersion = view.Version.Version;
            var silos = view.ActiveSilos.Select(e => e.SiloAddress).ToList();
            if (silos.SequenceEqual(Volatile.Read(ref _ring).Silos))
            {
                return false;
            }

            Volatile.Write(ref _ring, new ConsistentHashRing<SiloAddress>(silos, s => s.ToString()));
            return true;
        }
    }

    public void Dispose() => _membership.ViewChanged -= OnViewChanged;
}
