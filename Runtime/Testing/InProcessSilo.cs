using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MultiAgent.Runtime.Activation;
using MultiAgent.Runtime.Hosting;

namespace MultiAgent.Runtime.Testing;

/// <summary>One silo of a <see cref="TestCluster"/>: a host of its own in this process.</summary>
public sealed class InProcessSilo : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _stopped;

    // 1 once the host is being stopped or killed, by the test or by the silo itself.
    private int _stopping;
    private Task? _selfStop;

    private InProcessSilo(string name, IHost host)
    {
        Name = name;
        _host = host;
    }

    public string Name { get; }

    public IServiceProvider Services => _host.Services;

    public IGrainFactory GrainFactory => Services.GetRequiredService<IGrainFactory>();

    /// <summary>Activations currently in this silo's catalog.</summary>
    public int ActivationCount => Services.GetRequiredService<Catalog>().Count;

    internal static InProcessSilo Create(
        string name,
        IReadOnlyDictionary<string, string?> configuration,
        IReadOnlyList<Action<ISiloBuilder>> configurators,
        LogLevel minimumLogLevel)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development });
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Configuration.AddInMemoryCollection([new($"{ConfigurationKeys.Silo}:SiloName", name)]);
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(minimumLogLevel);
        builder.UseSilo(silo =>
        {
            foreach (var configure in configurators)
            {
                configure(silo);
            }
        });
        return new InProcessSilo(name, builder.Build());
    }

    internal async Task StartAsync(CancellationToken cancellationToken)
    {
        await _host.StartAsync(cancellationToken);

        // A process's RunAsync stops the host when the application asks to stop (a silo declared dead does);
        // a started host does not do that by itself, so do it here.
        Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(() =>
        {
            if (Interlocked.Exchange(ref _stopping, 1) == 0)
            {
                _selfStop = Task.Run(() => _host.StopAsync());
            }
        });
    }

    /// <summary>Graceful stop: grains deactivate (and persist what they must) before the host ends.</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        if (Interlocked.Exchange(ref _stopping, 1) == 0)
        {
            await _host.StopAsync();
        }
        else if (_selfStop is { } selfStop)
        {
            await selfStop;
        }

        _host.Dispose();
    }

    /// <summary>As <c>kill -9</c> would, as far as one process can: activations dropped without deactivating, heartbeats stop, sockets close.</summary>
    public async Task KillAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        Interlocked.Exchange(ref _stopping, 1);
        Services.GetRequiredService<Catalog>().Abandon();
        if (Services.GetService<Membership.MembershipService>() is { } membership)
        {
            await membership.DisposeAsync();
        }

        if (Services.GetService<Messaging.SiloEndpoints>() is { } endpoints)
        {
            await endpoints.DisposeAsync();
        }

        if (Services.GetService<Messaging.MessageCenter>() is { } messageCenter)
        {
            await messageCenter.DisposeAsync();
        }

        // Disposing without stopping runs no shutdown logic.
        _host.Dispose();
    }

    /// <summary>This silo's address in the cluster; null when it is not clustered.</summary>
    public string? SiloAddress => Services.GetService<Membership.LocalSiloDetails>()?.SiloAddress.ToString();

    /// <summary>The client gateway port; 0 when not clustered.</summary>
    public int GatewayPort => Services.GetService<Membership.LocalSiloDetails>()?.GatewayPort ?? 0;

    /// <summary>Completes when the host has stopped (e.g. after the silo found itself declared dead).</summary>
    public CancellationToken Stopped => Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopped;

    public ValueTask DisposeAsync() => new(StopAsync());

    public override string ToString() => Name;
}
