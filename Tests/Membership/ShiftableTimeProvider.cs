using System.Diagnostics;

namespace MultiAgent.Tests.Membership;

/// <summary>
/// The system clock plus an offset that a test can jump forward, for both wall-clock time and timestamps:
/// to everything that reads it, a jump looks like the whole machine having been frozen for that long.
/// Timers still run in real time.
/// </summary>
internal sealed class ShiftableTimeProvider : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Jump(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    public override long GetTimestamp() =>
        System.GetTimestamp() + (long)(Offset.TotalSeconds * Stopwatch.Frequency);

    public override long TimestampFrequency => Stopwatch.Frequency;
}
