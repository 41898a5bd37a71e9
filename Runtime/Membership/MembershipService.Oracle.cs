namespace MultiAgent.Runtime.Membership;

/// <summary>The loops: heartbeats, and the refresh that detects dead silos, this silo's own death, and view changes.</summary>
public sealed partial class MembershipService
{
    /// <summary>Declarations per refresh, so a table full of dead rows cannot hold the refresh forever; the rest wait a refresh.</summary>
    private const int MaxDeclarationsPerRefresh = 16;

    private long _lastRefreshTimestamp;
    private long _stalledAtTimestamp;

    /// <summary>
    /// Reads the table now: stops if this silo is dead, declares dead the silos that are, removes long-dead
    /// rows, and publishes the view if the table version moved. Runs every TableRefreshInterval on its own.
    /// </summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _refreshGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await DetectAsync(JudgeHeartbeats(), cancellationToken).ConfigureAwait(false);
            _lastRefreshTimestamp = _time.GetTimestamp();
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    /// <summary>
    /// No successful refresh for longer than the death timeout means this process was stalled (GC, a suspended
    /// VM, a sleeping laptop) or could not reach the table; then the others' heartbeats may look stale only
    /// because of that (they were frozen or cut off too). Heartbeats are judged again once every live silo
    /// has had a full death timeout since to write one. Superseded silos are declared dead regardless.
    /// </summary>
    private bool JudgeHeartbeats()
    {
        if (_lastRefreshTimestamp != 0 && _time.GetElapsedTime(_lastRefreshTimestamp) > _options.DeathTimeout)
        {
            LogStalled(SiloAddress, _time.GetElapsedTime(_lastRefreshTimestamp).TotalSeconds);
            _stalledAtTimestamp = _time.GetTimestamp();
        }

        return _stalledAtTimestamp == 0 || _time.GetElapsedTime(_stalledAtTimestamp) >= _options.DeathTimeout;
    }

    private async Task DetectAsync(bool judgeHeartbeats, CancellationToken cancellationToken)
    {
        var declarations = 0;
        while (true)
        {
            var snapshot = await _table.ReadAllAsync(cancellationToken).ConfigureAwait(false);
            if (!CheckSelf(snapshot))
            {
                Publish(snapshot);
                return;
            }

            var now = _time.GetUtcNow();
            var verdicts = DeadSiloDetector.Find(snapshot, SiloAddress, now, _options.DeathTimeout, judgeHeartbeats);
            if (verdicts.Count == 0 || declarations >= MaxDeclarationsPerRefresh)
            {
                Publish(snapshot);
                await CleanupAsync(snapshot, now, cancellationToken).ConfigureAwait(false);
                return;
            }

            // One declaration per reading: every write bumps the version, so the next needs a fresh read anyway.
            declarations++;
            var verdict = verdicts[0];
            var declared = verdict.Row.Entry with
            {
                Status = SiloStatus.Dead,
                SuspectTimes = [.. verdict.Row.Entry.SuspectTimes, new SuspectTime(SiloAddress, now)],
            };
            if (await _table.UpdateRowAsync(declared, verdict.Row.ETag, snapshot.Version, cancellationToken).ConfigureAwait(false))
            {
                LogDeclaredDead(verdict.Row.Entry.SiloAddress, verdict.Row.Entry.SiloName, verdict.Reason, SiloAddress);
            }
            else
            {
                // Someone else wrote first (perhaps the same verdict): the next reading decides again.
                LogDeclarationConflict(verdict.Row.Entry.SiloAddress, SiloAddress);
            }
        }
    }

    /// <summary>False when this silo's row says Dead or is gone: then it raises <see cref="SelfDeclaredDead"/> and goes silent.</summary>
    private bool CheckSelf(MembershipTableSnapshot snapshot)
    {
        var own = snapshot.Find(SiloAddress)?.Entry;
        if (own is not null && own.Status != SiloStatus.Dead)
        {
            _status = own.Status;
            return true;
        }

        OnFoundSelfDead(own);
        return false;
    }

    private void OnFoundSelfDead(MembershipEntry? own)
    {
        _status = SiloStatus.Dead;
        if (Interlocked.Exchange(ref _declaredDead, 1) == 1)
        {
            return;
        }

        if (_leaving)
        {
            LogDeclaredDeadWhileLeaving(SiloAddress);
            return;
        }

        var by = own?.SuspectTimes.Select(s => s.Suspecter.ToString()).LastOrDefault() ?? "(row removed)";
        LogFoundSelfDead(SiloAddress, by);

        // No more heartbeats: a dead silo must not look alive. Not awaited, since this runs on the refresh loop itself.
        _ = _loopsStopping.CancelAsync();
        try
        {
            SelfDeclaredDead?.Invoke(this, new SelfDeclaredDeadEventArgs(SiloAddress, own));
        }
        catch (Exception ex)
        {
            LogHandlerFailed(ex, nameof(SelfDeclaredDead), SiloAddress);
        }
    }

    private async Task CleanupAsync(MembershipTableSnapshot snapshot, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var olderThan = now - _options.DefunctSiloRetention;
        if (snapshot.Entries.Any(e => e.Status == SiloStatus.Dead && e.IAmAliveTime < olderThan))
        {
            await _table.CleanupDefunctEntriesAsync(olderThan, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task HeartbeatLoopAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(_options.HeartbeatInterval, _time);
        while (await TickAsync(timer, stopping).ConfigureAwait(false))
        {
            await GuardAsync("heartbeat", async ct =>
            {
                if (!await _table.UpdateIAmAliveAsync(SiloAddress, _time.GetUtcNow(), ct).ConfigureAwait(false))
                {
                    LogHeartbeatRefused(SiloAddress);
                }
            }, stopping).ConfigureAwait(false);
        }
    }

    private async Task RefreshLoopAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(_options.TableRefreshInterval, _time);
        while (await TickAsync(timer, stopping).ConfigureAwait(false))
        {
            await GuardAsync("refresh", RefreshAsync, stopping).ConfigureAwait(false);
        }
    }

    private static async Task<bool> TickAsync(PeriodicTimer timer, CancellationToken stopping)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>
    /// Runs one loop step; a failure is logged and the loop goes on (the next tick retries). A step may take
    /// at most the death timeout, so a hung store cannot silence the loop for longer than that.
    /// </summary>
    private async Task GuardAsync(string step, Func<CancellationToken, Task> action, CancellationToken stopping)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        limit.CancelAfter(_options.DeathTimeout);
        try
        {
            await action(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping: the step was abandoned on purpose.
        }
        catch (OperationCanceledException)
        {
            LogStepTimedOut(step, SiloAddress, _options.DeathTimeout.TotalSeconds);
        }
        catch (Exception ex)
        {
            LogStepFailed(ex, step, SiloAddress);
        }
    }
}
