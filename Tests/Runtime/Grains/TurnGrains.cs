using MultiAgent.Runtime;

namespace MultiAgent.Tests.Runtime.Grains;

public interface ITurnGrain : IGrainWithStringKey
{
    /// <summary>Occupies a turn for <paramref name="delayMs"/> across an await, recording its arrival order.</summary>
    Task Work(int sequence, int delayMs);

    Task<int> MaxOverlap();

    Task<IReadOnlyList<int>> StartOrder();

    /// <summary>Requests in progress right now; may interleave with Work.</summary>
    [AlwaysInterleave]
    Task<int> InFlight();
}

public interface IReentrantTurnGrain : ITurnGrain;

/// <summary>Counts requests in progress at once: the in-grain overlap detector.</summary>
public abstract class OverlapDetectingGrain : Grain
{
    private readonly List<int> _startOrder = [];
    private int _inFlight;
    private int _maxOverlap;

    public async Task Work(int sequence, int delayMs)
    {
        _startOrder.Add(sequence);
        _maxOverlap = Math.Max(_maxOverlap, ++_inFlight);
        try
        {
            await Task.Delay(delayMs);
            await Task.Yield();
        }
        finally
        {
            _inFlight--;
        }
    }

    public Task<int> MaxOverlap() => Task.FromResult(_maxOverlap);

    public Task<IReadOnlyList<int>> StartOrder() => Task.FromResult<IReadOnlyList<int>>([.. _startOrder]);

    public Task<int> InFlight() => Task.FromResult(_inFlight);

    protected void EnterTurn() => _maxOverlap = Math.Max(_maxOverlap, ++_inFlight);

    protected void LeaveTurn() => _inFlight--;
}

public sealed class TurnGrain : OverlapDetectingGrain, ITurnGrain;

[Reentrant]
public sealed class ReentrantTurnGrain : OverlapDetectingGrain, IReentrantTurnGrain;
