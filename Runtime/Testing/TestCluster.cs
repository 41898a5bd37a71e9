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

    internal TestCluster(int initialSilos, IReadOnlyDictionary<string, string?> configuration, IReadOnlyList<Action<ISiloBuilder>> configurators, LogLevel minimumLogLevel)
    {
        _initialSilos = initialSilos;
        _configuration = configuration;
        _configurators = configurators;
        _minimumLogLevel = minimumLogLevel;
    }

    public IReadOnlyList<InProcessSilo> Silos => _silos;

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
        var silo = InProcessSilo.Create($"silo-{_silos.Count}", _configuration, _configurators, _minimumLogLevel);
        await silo.StartAsync(cancellationToken);
        _silos.Add(silo);
        return silo;
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
