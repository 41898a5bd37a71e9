using System.Diagnostics;

namespace MultiAgent.Grains.Fleet;

/// <summary>
/// Group commit for a grain whose requests interleave: at most one write runs at a time (two concurrent
/// conditional writes would conflict on the ETag), and callers arriving meanwhile share the next write.
/// Every caller's task completes only after a write that started after its call, so whatever it changed
/// before calling is durable when its await returns. With a <paramref name="minInterval"/>, consecutive
/// writes start at least that far apart: a change after a quiet spell is written at once, while under load
/// the writes (each of the whole state) are capped at one per interval and carry more changes each.
/// Used from the grain's own turns only, so it needs no locks.
/// </summary>
internal sealed class StateWriter(Func<Task> write, TimeSpan minInterval = default)
{
    private TaskCompletionSource? _gathering;
    private bool _running;
    private long _lastStarted;

    public Task WriteAsync()
    {
        if (_gathering is { } joined)
        {
            return joined.Task;
        }

        // Taken before starting: with no window the write may run (and finish) synchronously right here.
        var batch = _gathering = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_running)
        {
            _ = RunAsync();
        }

        return batch.Task;
    }

    private async Task RunAsync()
    {
        _running = true;
        try
        {
            while (_gathering is { } batch)
            {
                var wait = minInterval - Stopwatch.GetElapsedTime(_lastStarted);
                if (_lastStarted != 0 && wait > TimeSpan.FromMilliseconds(1))
                {
                    await Task.Delay(wait);
                }

                _lastStarted = Stopwatch.GetTimestamp();

                // Callers from here on join the next batch: this write may not include their changes.
                _gathering = null;
                try
                {
                    await write();
                    batch.TrySetResult();
                }
                catch (Exception e)
                {
                    batch.TrySetException(e);
                }
            }
        }
        finally
        {
            _running = false;
        }
    }
}
