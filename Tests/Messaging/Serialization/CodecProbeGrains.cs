using MultiAgent.Runtime;

namespace MultiAgent.Tests.Messaging.Serialization;

public enum ProbeColor
{
    Red,
    Green,
    Blue = 7,
}

/// <summary>A contract sent as JSON: a list, a dictionary, an enum and a grain reference inside.</summary>
public sealed record ProbeShipment(
    string Id,
    List<string> Items,
    Dictionary<string, int> Quantities,
    ProbeColor Color,
    ICodecPeerGrain? Handler,
    ProbeShipment? Parent = null);

/// <summary>Exercises every kind of argument the codec distinguishes.</summary>
public interface ICodecProbeGrain : IGrainWithStringKey
{
    Task<string> Describe(int number, string? text, Guid id, DateTimeOffset at, ProbeColor color, int? maybe, byte[]? blob, decimal amount);

    Task<ProbeShipment?> Echo(ProbeShipment? shipment);

    Task<ICodecProbeGrain?> Forward(ICodecProbeGrain? other, ICodecPeerGrain peer, GrainId id);

    ValueTask<long> Sum(List<int> values, Dictionary<string, double> weights, TimeSpan window);

    Task Ping();

    Task<int> Add(int a, int b);

    [OneWay]
    Task Notify(string text);
}

public interface ICodecPeerGrain : IGrainWithIntegerKey
{
    Task<int> Touch();
}

/// <summary>Registers the interface with the generated manifest (GetGrain needs a grain class); the tests invoke <see cref="CodecProbeRecorder"/>.</summary>
public sealed class CodecProbeGrain : Grain, ICodecProbeGrain
{
    public Task<string> Describe(int number, string? text, Guid id, DateTimeOffset at, ProbeColor color, int? maybe, byte[]? blob, decimal amount) =>
        Task.FromResult($"{number}:{text}");

    public Task<ProbeShipment?> Echo(ProbeShipment? shipment) => Task.FromResult(shipment);

    public Task<ICodecProbeGrain?> Forward(ICodecProbeGrain? other, ICodecPeerGrain peer, GrainId id) => Task.FromResult(other);

    public ValueTask<long> Sum(List<int> values, Dictionary<string, double> weights, TimeSpan window) => new(values.Sum());

    public Task Ping() => Task.CompletedTask;

    public Task<int> Add(int a, int b) => Task.FromResult(a + b);

    public Task Notify(string text) => Task.CompletedTask;
}

public sealed class CodecPeerGrain : Grain, ICodecPeerGrain
{
    public Task<int> Touch() => Task.FromResult(1);
}

/// <summary>Stands in for the grain when a decoded request is invoked: records the arguments it receives.</summary>
public sealed class CodecProbeRecorder : ICodecProbeGrain
{
    public object?[] LastArguments { get; private set; } = [];

    public Task<string> Describe(int number, string? text, Guid id, DateTimeOffset at, ProbeColor color, int? maybe, byte[]? blob, decimal amount)
    {
        LastArguments = [number, text, id, at, color, maybe, blob, amount];
        return Task.FromResult($"{number}:{text}");
    }

    public Task<ProbeShipment?> Echo(ProbeShipment? shipment)
    {
        LastArguments = [shipment];
        return Task.FromResult(shipment);
    }

    public Task<ICodecProbeGrain?> Forward(ICodecProbeGrain? other, ICodecPeerGrain peer, GrainId id)
    {
        LastArguments = [other, peer, id];
        return Task.FromResult(other);
    }

    public ValueTask<long> Sum(List<int> values, Dictionary<string, double> weights, TimeSpan window)
    {
        LastArguments = [values, weights, window];
        var total = 0L;
        foreach (var value in values)
        {
            total += value;
        }

        return new(total);
    }

    public Task Ping()
    {
        LastArguments = [];
        return Task.CompletedTask;
    }

    public Task<int> Add(int a, int b)
    {
        LastArguments = [a, b];
        return Task.FromResult(a + b);
    }

    public Task Notify(string text)
    {
        LastArguments = [text];
        return Task.CompletedTask;
    }
}
