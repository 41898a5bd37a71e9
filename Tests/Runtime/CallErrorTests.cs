using MultiAgent.Runtime;
using MultiAgent.Tests.Runtime.Grains;

namespace MultiAgent.Tests.Runtime;

[Collection(RuntimeClusterCollection.Name)]
public sealed class CallErrorTests(RuntimeClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Cluster.GrainFactory;

    [Fact]
    public async Task A_call_past_its_scoped_deadline_fails_naming_grain_and_method()
    {
        var id = Guid.NewGuid();
        var grain = Grains.GetGrain<ISlowGrain>(id);

        TimeoutException error;
        using (GrainCallScope.WithTimeout(TimeSpan.FromMilliseconds(200)))
        {
            error = await Assert.ThrowsAsync<GrainCallTimeoutException>(() => grain.Sleep(10_000));
        }

        Assert.Contains($"slow/{id:N}", error.Message);
        Assert.Contains("ISlowGrain.Sleep", error.Message);
        Assert.Contains("00:00:00.2", error.Message);
    }

    [Fact]
    public async Task A_method_deadline_from_ResponseTimeout_applies_without_a_scope()
    {
        var grain = Grains.GetGrain<ISlowGrain>(Guid.NewGuid());

        var error = await Assert.ThrowsAsync<GrainCallTimeoutException>(() => grain.SleepWithShortTimeout(10_000));

        Assert.Equal("ISlowGrain.SleepWithShortTimeout", error.Method);
        Assert.Equal(TimeSpan.FromMilliseconds(300), error.Timeout);
    }

    [Fact]
    public async Task A_call_within_its_deadline_succeeds()
    {
        var grain = Grains.GetGrain<ISlowGrain>(Guid.NewGuid());
        using (GrainCallScope.WithTimeout(TimeSpan.FromSeconds(10)))
        {
            await grain.Sleep(50);
            Assert.Equal(3, await grain.Echo(3));
        }
    }

    [Fact]
    public async Task Exceptions_thrown_by_a_grain_reach_the_caller_with_grain_and_method_named()
    {
        var grain = Grains.GetGrain<IThrowingGrain>(17);

        var sync = await Assert.ThrowsAsync<GrainCallException>(() => grain.ThrowNow("boom"));
        Assert.IsType<InvalidOperationException>(sync.InnerException);
        Assert.Equal("boom", sync.InnerException!.Message);
        Assert.Contains("throwing/17", sync.Message);
        Assert.Equal("IThrowingGrain.ThrowNow", sync.Method);

        var async = await Assert.ThrowsAsync<GrainCallException>(() => grain.ThrowAfterAwait("later"));
        Assert.IsType<ArgumentException>(async.InnerException);
        Assert.Equal(new GrainId("throwing", "17"), async.GrainId);

        // The grain survives its exceptions.
        Assert.Equal(42, await grain.Healthy());
    }

    [Fact]
    public void Getting_an_interface_without_implementation_fails_at_once_with_a_clear_message()
    {
        var error = Assert.Throws<ArgumentException>(() => Grains.GetGrain<IUnimplementedGrain>("x"));
        Assert.Contains("No grain class implements", error.Message);
        Assert.Contains(nameof(IUnimplementedGrain), error.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void A_null_or_empty_key_fails_at_once(string? key)
    {
        var error = Assert.Throws<ArgumentException>(() => Grains.GetGrain<ILifecycleGrain>(key!));
        Assert.Contains("must not be null or empty", error.Message);
        Assert.Contains(nameof(ILifecycleGrain), error.Message);
    }

    [Fact]
    public async Task A_grain_whose_storage_is_not_configured_fails_naming_the_storage()
    {
        var grain = Grains.GetGrain<IMisconfiguredStorageGrain>("x");

        var error = await Assert.ThrowsAsync<GrainCallException>(grain.Read);

        Assert.Contains("no-such-store", error.ToString());
    }
}
