using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MultiAgent.Runtime;
using MultiAgent.Runtime.Invocation;
using MultiAgent.Runtime.Messaging;
using MultiAgent.Runtime.Messaging.Serialization;
using MultiAgent.Runtime.Metadata;
using MultiAgent.Runtime.Testing;
using MultiAgent.Tests.Messaging.Transport;

namespace MultiAgent.Tests.Cluster;

/// <summary>A peer that sends rubbish to a silo gets it rejected and logged; the connection, the silo and the cluster keep serving.</summary>
public sealed class MalformedTrafficTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private readonly CapturingLoggerProvider _logs = new();
    private readonly TestCluster _cluster;

    public MalformedTrafficTests()
    {
        _cluster = new TestClusterBuilder { InitialSilosCount = 2 }
            .AddSiloConfigurator(silo => silo.Services.AddSingleton<ILoggerProvider>(_logs))
            .Build();
    }

    private InProcessSilo Target => _cluster.Silos[1];

    public Task InitializeAsync() => _cluster.DeployAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Garbage_frames_and_an_unknown_method_are_rejected_and_logged_and_the_connection_keeps_serving()
    {
        var local = await GrainHostedByAsync(Target);
        var siloName = Descriptor(nameof(IPlacementProbeGrain.SiloName));
        using var raw = await RawSiloConnection.ConnectAsync(Target.SiloAddress!, _cluster.ClusterId);

        await raw.SendFrameAsync([0xFF, 0x00, 0x13, 0x37]);
        await raw.SendFrameAsync("not a message at all"u8.ToArray());
        await raw.SendFrameAsync(RawSiloConnection.Request(41, local.GetGrainId(), siloName.InterfaceName, "NoSuchMethod(System.Int32)"));
        await raw.SendFrameAsync(RawSiloConnection.Request(42, local.GetGrainId(), siloName.InterfaceName, siloName.MethodId));

        // Garbage without a readable id cannot be answered; the unknown method can, and is, by id; then the valid call runs.
        var rejection = Decode(await raw.ReadFrameAsync(Deadline));
        Assert.Equal(41, rejection.Id);
        Assert.Equal(ResponseKind.Rejection, rejection.ResponseKind);
        Assert.Equal(RejectionKind.Unrecoverable, rejection.RejectionKind);
        Assert.Contains("NoSuchMethod(System.Int32)", rejection.RejectionMessage);

        var answer = Decode(await raw.ReadFrameAsync(Deadline));
        Assert.Equal(42, answer.Id);
        Assert.Equal(ResponseKind.Success, answer.ResponseKind);
        Assert.Equal(Target.Name, answer.Result);

        var logged = _logs.Entries.Where(e => e.Level == LogLevel.Warning && e.Message.StartsWith("Rejected a malformed message", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, logged.Count);
        Assert.Contains(logged, e => e.Message.Contains("NoSuchMethod(System.Int32)", StringComparison.Ordinal));

        await AssertCrossSiloCallsWorkAsync();
    }

    [Fact]
    public async Task A_connection_that_breaks_the_framing_is_closed_alone_and_the_silo_keeps_serving()
    {
        var local = await GrainHostedByAsync(Target);
        var siloName = Descriptor(nameof(IPlacementProbeGrain.SiloName));
        using var bystander = await RawSiloConnection.ConnectAsync(Target.SiloAddress!, _cluster.ClusterId);
        using var offender = await RawSiloConnection.ConnectAsync(Target.SiloAddress!, _cluster.ClusterId);

        await offender.SendBytesAsync([0xFF, 0xFF, 0xFF, 0xFF, 0x00]); // announces a frame of length -1
        Assert.Null(await offender.ReadFrameAsync(Deadline)); // closed by the silo

        await bystander.SendFrameAsync(RawSiloConnection.Request(7, local.GetGrainId(), siloName.InterfaceName, siloName.MethodId));
        var answer = Decode(await bystander.ReadFrameAsync(Deadline));
        Assert.Equal(Target.Name, answer.Result);
        Assert.Contains(_logs.Entries, e => e.Level == LogLevel.Warning && Equals(e["FrameLength"], -1));

        await AssertCrossSiloCallsWorkAsync();
    }

    /// <summary>A probe grain that lives on <paramref name="silo"/>, so a request for it runs there rather than being refused as misrouted.</summary>
    private async Task<IPlacementProbeGrain> GrainHostedByAsync(InProcessSilo silo)
    {
        for (var i = 0; ; i++)
        {
            var grain = _cluster.GrainFactory.GetGrain<IPlacementProbeGrain>($"raw-{i}-{Guid.NewGuid():N}");
            if (await grain.SiloName() == silo.Name)
            {
                return grain;
            }
        }
    }

    private GrainMethodDescriptor Descriptor(string methodName) =>
        Target.Services.GetRequiredService<GrainTypeManifest>().GetInterface(typeof(IPlacementProbeGrain)).Methods.Single(m => m.MethodName == methodName);

    private WireMessage Decode(System.Buffers.ReadOnlySequence<byte>? frame)
    {
        Assert.True(frame.HasValue, "the silo closed the connection instead of answering");
        return Target.Services.GetRequiredService<MessageCenter>().Codec.Read(frame.Value);
    }

    private async Task AssertCrossSiloCallsWorkAsync()
    {
        var keys = Enumerable.Range(0, 20).Select(i => $"after-{i}-{Guid.NewGuid():N}").ToList();
        var fromFirst = await Task.WhenAll(keys.Select(k => _cluster.Silos[0].GrainFactory.GetGrain<IPlacementProbeGrain>(k).SiloName()));
        var fromSecond = await Task.WhenAll(keys.Select(k => Target.GrainFactory.GetGrain<IPlacementProbeGrain>(k).SiloName()));
        Assert.Equal(fromFirst, fromSecond);
        Assert.Equal(2, fromFirst.Distinct().Count());
    }
}
