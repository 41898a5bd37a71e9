using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MultiAgent.Runtime.Hosting;

namespace MultiAgent.Runtime.Testing;

/// <summary>
/// Silos in this process for tests, as Orleans' TestingHost. <see cref="DeployAsync"/> starts them;
/// <see cref="GrainFactory"/> calls into the first.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    private readonly int _initialSilos;
    private readonly IReadOnlyDictionary<string, string?> _configuration;
    private readonly IReadOnlyList<Action<ISiloBuilder>> _configurators;
    private readonly LogLevel _minimumLogLevel;
    private readonly List<InProcessSilo> _silos = [];
    private readonly Membership.InMemoryMembershipTable? _membershipTable;

    internal TestCluster(
        int initialSilos,
        IReadOnlyDictionary<string, string?> configuration,
        IReadOnlyList<Action<ISiloBuilder>> configurators,
        LogLevel minimumLogLevel,
        Membership.InMemoryMembershipTable? membershipTable)
    {
        _membershipTable = membershipTable;
        _initialSilos = initialSilos;
        _configuration = configuration;
        _configurators = configurators;
        _minimumLogLevel = minimumLogLevel;
    }

    public IReadOnlyList<InProcessSilo> Silos => _silos;

    public string ClusterId => _configuration[$"{ConfigurationKeys.Silo}:ClusterId"]!;

    public InProcessSilo Primary => _silos.Count > 0 ? _silos[0] : throw new InvalidOperationException("The test cluster is not deployed; call DeployAsync first.");

    public IGrainFactory GrainFactory => Primary.GrainFactory;

    public IServiceProvider ServiceProvider => Primary.Services;

    public async Task DeployAsync(CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < _initialSilos; i++)
        {
            await StartSiloAsync(cancellationToken);
        }
    }

    public async Task<InProcessSilo> StartSiloAsync(CancellationToken cancellationToken = default)
    {
        var configurators = _membershipTable is null
            ? _configurators
            : [.. _configurators, silo => silo.UseInMemoryClustering(_membershipTable)];
        var silo = InProcessSilo.Create($"silo-{_silos.Count}-{Guid.NewGuid():N}"[..14], _configuration, configurators, _minimumLogLevel);
        await silo.StartAsync(cancellationToken);
        _silos.Add(silo);
        await WaitForConvergenceAsync(cancellationToken);
        return silo;
    }

    /// <summary>Waits until every running silo places grains over exactly the running silos.</summary>
    public async Task WaitForConvergenceAsync(CancellationToken cancellationToken = default)
    {
        if (_membershipTable is null)
        {
            return;
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var expected = _silos.Select(s => s.SiloAddress).Order(StringComparer.Ordinal).ToList();
            var converged = true;
            foreach (var silo in _silos)
            {
                await silo.Services.GetRequiredService<Membership.MembershipService>().RefreshAsync(cancellationToken);
                var seen = silo.Services.GetRequiredService<Placement.HashRingPlacement>().Silos.Select(a => a.ToString()).Order(StringComparer.Ordinal);
                converged &= seen.SequenceEqual(expected);
            }

            if (converged)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The test cluster's silos did not agree on membership within 30 s (expected {string.Join(", ", expected)}).");
            }

            await Task.Delay(20, cancellationToken);
        }
    }

    /// <summary>Gracefully stops one silo (its grains deactivate and persist, it leaves the membership table).</summary>
    public async Task StopSiloAsync(InProcessSilo silo)
    {
        _silos.Remove(silo);
        await silo.StopAsync();
    }

    /// <summary>Stops one silo as a crash would: no grain code runs, no goodbye in the membership table, connections drop.</summary>
    public async Task KillSiloAsync(InProcessSilo silo)
    {
        _silos.Remove(silo);
        await silo.KillAsync();
    }

    /// <summary>Gracefully stops every silo (grains deactivate and persist).</summary>
    public async Task StopAllSilosAsync()
    {
        foreach (var silo in _silos.AsEnumerable().Reverse())
        {
            await silo.StopAsync();
        }

        _silos.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAllSilosAsync();
    }
}
