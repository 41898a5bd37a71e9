using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MultiAgent.Runtime.Membership;

/// <summary>
/// This silo's membership: joins the table (Joining, then Active), heartbeats, and on every refresh acts
/// as the failure-detection oracle (see <c>MembershipService.Oracle.cs</c>). Start it before taking
/// grains; <see cref="StopAsync"/> leaves gracefully (ShuttingDown, then Dead); disposing without stopping
/// just goes silent, as a killed process would, and the others declare this silo dead.
/// </summary>
public sealed partial class MembershipService : IHostedService, IAsyncDisposable
{
    /// <summary>Conflicting writes are rare (another silo wrote in the same instant); this many in a row means something is wrong.</summary>
    private const int MaxWriteAttempts = 50;

    private readonly IMembershipTable _table;
    private readonly LocalSiloDetails _local;
    private readonly MembershipOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<MembershipService> _logger;
    private readonly MembershipViewPublisher _views = new();
    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private readonly Lock _publishGate = new();
    private readonly CancellationTokenSource _loopsStopping = new();
    private Task _loops = Task.CompletedTask;
    private volatile SiloStatus _status;
    private volatile bool _joined;
    private volatile bool _leaving;
    private int _declaredDead;
    private int _disposed;

    public MembershipService(
        IMembershipTable table, LocalSiloDetails local, IOptions<MembershipOptions> options, TimeProvider timeProvider, ILogger<MembershipService> logger)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _table = table;
        _local = local;
        _options = options.Value;
        _time = timeProvider;
        _logger = logger;
    }

    /// <summary>Raised once, from the refresh loop, when this silo reads that it is dead. The host must stop the process at once.</summary>
    public event EventHandler<SelfDeclaredDeadEventArgs>? SelfDeclaredDead;

    /// <summary>Raised, from the refresh loop, with each newer view. Handlers must be quick; use <see cref="WatchAsync"/> to do slow work.</summary>
    public event EventHandler<MembershipView>? ViewChanged;

    public SiloAddress SiloAddress => _local.SiloAddress;

    /// <summary>This silo's own status as last written or read.</summary>
    public SiloStatus Status => _status;

    /// <summary>True once this silo read that the cluster declared it dead.</summary>
    public bool IsDeclaredDead => Volatile.Read(ref _declaredDead) == 1;

    public MembershipView CurrentView => _views.Current;

    /// <summary>The silos placement may use, as of <see cref="MembershipVersion"/>.</summary>
    public IReadOnlyList<MembershipEntry> ActiveSilos => _views.Current.ActiveSilos;

    public TableVersion MembershipVersion => _views.Current.Version;

    /// <summary>The current view, then every newer one, until cancelled or this silo leaves. A slow reader skips to the latest.</summary>
    public IAsyncEnumerable<MembershipView> WatchAsync(CancellationToken cancellationToken) => _views.WatchAsync(cancellationToken);

    /// <summary>Joins as Joining and becomes Active. Throws if the table cannot be reached or this silo is already dead.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await JoinAsync(cancellationToken).ConfigureAwait(false);
        await BecomeActiveAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Inserts this silo's row as Joining and starts heartbeating and refreshing. Placement ignores a joining silo.</summary>
    public async Task JoinAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        if (_joined)
        {
            throw new InvalidOperationException($"Silo {SiloAddress} has already joined the cluster.");
        }

        var problems = MembershipOptionsValidator.Problems(_options).ToList();
        if (problems.Count > 0)
        {
            throw new OptionsValidationException(MembershipOptions.SectionName, typeof(MembershipOptions), problems);
        }

        var now = _time.GetUtcNow();
        var entry = new MembershipEntry
        {
            SiloAddress = SiloAddress,
            SiloName = _local.SiloName,
            Status = SiloStatus.Joining,
            GatewayPort = _local.GatewayPort,
            StartTime = now,
            IAmAliveTime = now,
        };
        await InsertOwnRowPatientlyAsync(entry, cancellationToken).ConfigureAwait(false);
        _status = SiloStatus.Joining;
        _joined = true;
        LogJoined(SiloAddress, _local.SiloName);
        _loops = Task.WhenAll(HeartbeatLoopAsync(_loopsStopping.Token), RefreshLoopAsync(_loopsStopping.Token));

        // At once rather than a refresh later: declares a predecessor on this endpoint dead and publishes the first view.
        await RefreshAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Joining → Active: placement may now put grains here.</summary>
    public Task BecomeActiveAsync(CancellationToken cancellationToken) => ChangeOwnStatusAsync(SiloStatus.Active, cancellationToken);

    /// <summary>Active → ShuttingDown, still heartbeating: no new activations while the host deactivates its grains.</summary>
    public Task BeginShutdownAsync(CancellationToken cancellationToken) => ChangeOwnStatusAsync(SiloStatus.ShuttingDown, cancellationToken);

    /// <summary>
    /// Leaves gracefully: ShuttingDown (unless already), stops heartbeating, then Dead. A table that cannot be
    /// reached is logged, not thrown: the others will declare this silo dead when its heartbeats stop.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Nothing to announce: never joined, already dead, already leaving, or disposed (gone silent on purpose).
        if (!_joined || IsDeclaredDead || _leaving || Volatile.Read(ref _disposed) == 1)
        {
            await StopLoopsAsync().ConfigureAwait(false);
            _views.Complete();
            return;
        }

        // The process is leaving anyway: from here on a Dead row is logged, not raised as news to stop on.
        _leaving = true;
        try
        {
            await BeginShutdownAsync(cancellationToken).ConfigureAwait(false);
            await StopLoopsAsync().ConfigureAwait(false);
            await ChangeOwnStatusAsync(SiloStatus.Dead, cancellationToken).ConfigureAwait(false);
            LogLeft(SiloAddress);
        }
        catch (Exception ex) when (ex is MembershipTableException or SiloDeclaredDeadException)
        {
            LogLeaveFailed(ex, SiloAddress);
        }
        finally
        {
            await StopLoopsAsync().ConfigureAwait(false);
            _views.Complete();
        }
    }

    /// <summary>Stops heartbeating and refreshing without touching the table, like a killed process; see <see cref="StopAsync"/> to leave.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await StopLoopsAsync().ConfigureAwait(false);
        _views.Complete();
        _loopsStopping.Dispose();
        _refreshGate.Dispose();
    }

    /// <summary>
    /// The table may be briefly unreachable while the silo starts (Redis started alongside it, a loaded
    /// machine): keep trying for <see cref="MembershipOptions.MaxJoinAttemptTime"/>, as Orleans does, then
    /// give up with the last error.
    /// </summary>
    private async Task InsertOwnRowPatientlyAsync(MembershipEntry entry, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var delay = TimeSpan.FromMilliseconds(200);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await InsertOwnRowAsync(entry, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (MembershipTableException e) when (_time.GetElapsedTime(started) + delay < _options.MaxJoinAttemptTime)
            {
                LogJoinRetry(e, SiloAddress, attempt, delay);
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(2).Ticks));
            }
        }
    }

    private async Task InsertOwnRowAsync(MembershipEntry entry, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxWriteAttempts; attempt++)
        {
            var snapshot = await _table.ReadAllAsync(cancellationToken).ConfigureAwait(false);
            if (snapshot.Find(SiloAddress) is { } existing && existing.Entry.StartTime == entry.StartTime && existing.Entry.Status == SiloStatus.Joining)
            {
                return; // an earlier attempt's insert landed though its reply was lost
            }

            if (snapshot.Find(SiloAddress) is not null)
            {
                throw new InvalidOperationException(
                    $"The membership table already has a row for silo {SiloAddress}: another process uses the same address and generation.");
            }

            if (await _table.InsertRowAsync(entry, snapshot.Version, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            LogWriteConflict(SiloAddress, SiloStatus.Joining, attempt);
        }

        throw TooManyConflicts(SiloStatus.Joining);
    }

    /// <summary>Moves this silo's own row forward to <paramref name="target"/>, re-reading on every conflict.</summary>
    private async Task ChangeOwnStatusAsync(SiloStatus target, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        if (!_joined)
        {
            throw new InvalidOperationException($"Silo {SiloAddress} has not joined the cluster; call {nameof(JoinAsync)} first.");
        }

        for (var attempt = 1; attempt <= MaxWriteAttempts; attempt++)
        {
            var snapshot = await _table.ReadAllAsync(cancellationToken).ConfigureAwait(false);
            var row = snapshot.Find(SiloAddress);
            if (row is null || row.Entry.Status == SiloStatus.Dead)
            {
                if (target == SiloStatus.Dead)
                {
                    return;
                }

                OnFoundSelfDead(row?.Entry);
                throw new SiloDeclaredDeadException(SiloAddress);
            }

            // Statuses only move forward; a repeated call is a no-op.
            if (row.Entry.Status >= target)
            {
                return;
            }

            var updated = row.Entry with { Status = target, IAmAliveTime = _time.GetUtcNow() };
            if (await _table.UpdateRowAsync(updated, row.ETag, snapshot.Version, cancellationToken).ConfigureAwait(false))
            {
                _status = target;
                LogStatusChanged(SiloAddress, row.Entry.Status, target);
                Publish(await _table.ReadAllAsync(cancellationToken).ConfigureAwait(false));
                return;
            }

            LogWriteConflict(SiloAddress, target, attempt);
        }

        throw TooManyConflicts(target);
    }

    private MembershipTableException TooManyConflicts(SiloStatus target) =>
        new($"Silo {SiloAddress} could not write its status {target}: {MaxWriteAttempts} conditional writes in a row lost to concurrent changes.");

    private async Task StopLoopsAsync()
    {
        if (Volatile.Read(ref _disposed) == 1 && _loops.IsCompleted)
        {
            return;
        }

        try
        {
            await _loopsStopping.CancelAsync().ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // Disposed already: the loops were stopped then.
        }

        await _loops.ConfigureAwait(false);
    }

    private void Publish(MembershipTableSnapshot snapshot)
    {
        var view = new MembershipView(snapshot.Version, snapshot.Entries);

        // One publisher at a time, so handlers see versions in order.
        lock (_publishGate)
        {
            if (!_views.TryPublish(view))
            {
                return;
            }

            LogViewChanged(SiloAddress, view.Version.Version, view.ActiveSilos.Count, view.Entries.Count);
            try
            {
                ViewChanged?.Invoke(this, view);
            }
            catch (Exception ex)
            {
                LogHandlerFailed(ex, nameof(ViewChanged), SiloAddress);
            }
        }
    }
}
