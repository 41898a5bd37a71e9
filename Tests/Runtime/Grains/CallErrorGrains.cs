using MultiAgent.Runtime;

namespace MultiAgent.Tests.Runtime.Grains;

public interface ISlowGrain : IGrainWithGuidKey
{
    Task Sleep(int ms);

    [ResponseTimeout("00:00:00.300")]
    Task SleepWithShortTimeout(int ms);

    Task<int> Echo(int value);
}

public sealed class SlowGrain : Grain, ISlowGrain
{
    public Task Sleep(int ms) => Task.Delay(ms);

    public Task SleepWithShortTimeout(int ms) => Task.Delay(ms);

    public Task<int> Echo(int value) => Task.FromResult(value);
}

public interface IThrowingGrain : IGrainWithIntegerKey
{
    Task<int> ThrowNow(string message);

    Task<int> ThrowAfterAwait(string message);

    Task<int> Healthy();
}

public sealed class ThrowingGrain : Grain, IThrowingGrain
{
    public Task<int> ThrowNow(string message) => throw new InvalidOperationException(message);

    public async Task<int> ThrowAfterAwait(string message)
    {
        await Task.Yield();
        throw new ArgumentException(message);
    }

    public Task<int> Healthy() => Task.FromResult(42);
}

/// <summary>A grain interface that no grain class implements.</summary>
public interface IUnimplementedGrain : IGrainWithStringKey
{
    Task Nothing();
}
