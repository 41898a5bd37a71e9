using MultiAgent.Runtime;
using MultiAgent.Tests.Runtime.Grains;

namespace MultiAgent.Tests.Runtime;

[Collection(RuntimeClusterCollection.Name)]
public sealed class ReferenceTests(RuntimeClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Cluster.GrainFactory;

    [Fact]
    public async Task References_travel_in_calls_and_can_be_stored_and_used_later()
    {
        var target = Grains.GetGrain<ILifecycleGrain>($"target-{Guid.NewGuid():N}");
        var relay = Grains.GetGrain<IRelayGrain>(Guid.NewGuid().ToString("N"));

        Assert.Equal(await target.Ping(), await relay.Relay(target));

        await relay.Remember(target);
        Assert.Equal(await target.Ping(), await relay.CallRemembered());
    }

    [Fact]
    public async Task A_grain_can_hand_out_a_reference_to_itself()
    {
        var relay = Grains.GetGrain<IRelayGrain>(Guid.NewGuid().ToString("N"));

        var self = await relay.Self();

        Assert.Equal(relay, self);
        Assert.Equal(relay.GetGrainId(), self.GetGrainId());
    }
}
