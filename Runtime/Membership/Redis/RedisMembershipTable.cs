using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using MultiAgent.Runtime.Redis;
using StackExchange.Redis;

namespace MultiAgent.Runtime.Membership;

/// <summary>
/// The membership table in Redis: one hash per cluster at <c>{KeyPrefix}:{ClusterId}:membership</c>, with
/// fields <c>version</c> (the table version), and per silo <c>row:{silo}</c> (the entry as JSON),
/// <c>etag:{silo}</c> (the row's etag) and <c>alive:{silo}</c> (last heartbeat, UTC ticks). One key, so a
/// read is one atomic HGETALL and every script touches a single key. Writes: <see cref="RedisMembershipScripts"/>.
/// </summary>
internal sealed partial class RedisMembershipTable : IMembershipTable
{
    private const string VersionField = "version";
    private const string RowPrefix = "row:";
    private const string ETagPrefix = "etag:";
    private const string AlivePrefix = "alive:";

    private readonly RedisMembershipOptions _options;
    private readonly RedisConnectionFactory _connections;
    private readonly ILogger<RedisMembershipTable> _logger;

    public RedisMembershipTable(RedisMembershipOptions options, RedisConnectionFactory connections, ILogger<RedisMembershipTable> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(connections);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options;
        _connections = connections;
        _logger = logger;
    }

    public string Key => $"{_options.KeyPrefix}:{_options.ClusterId}:membership";

    public async Task<MembershipTableSnapshot> ReadAllAsync(CancellationToken cancellationToken)
    {
        var fields = await RunAsync("read", (db, key) => db.HashGetAllAsync(key), cancellationToken).ConfigureAwait(false);
        return ToSnapshot(fields);
    }

    public async Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(expectedVersion);
        RedisValue[] arguments = [expectedVersion.ETag, entry.SiloAddress.ToString(), Serialize(entry)];
        return await ConditionalAsync("insert", RedisMembershipScripts.Insert, entry.SiloAddress, arguments, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> UpdateRowAsync(MembershipEntry entry, string rowETag, TableVersion expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(rowETag);
        ArgumentNullException.ThrowIfNull(expectedVersion);
        RedisValue[] arguments = [expectedVersion.ETag, entry.SiloAddress.ToString(), rowETag, Serialize(entry)];
        return await ConditionalAsync("update", RedisMembershipScripts.Update, entry.SiloAddress, arguments, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> UpdateIAmAliveAsync(SiloAddress silo, DateTimeOffset time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(silo);
        RedisValue[] arguments = [silo.ToString(), time.UtcTicks.ToString(CultureInfo.InvariantCulture)];
        var result = await RunAsync(
            "heartbeat", (db, key) => db.ScriptEvaluateAsync(RedisMembershipScripts.Heartbeat, [key], arguments), cancellationToken).ConfigureAwait(false);
        return (int)result == 1;
    }

    public async Task<int> CleanupDefunctEntriesAsync(DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        var snapshot = await ReadAllAsync(cancellationToken).ConfigureAwait(false);
        var arguments = snapshot.Rows
            .Where(row => row.Entry.Status == SiloStatus.Dead && row.Entry.IAmAliveTime < olderThan)
            .SelectMany(row => new RedisValue[] { row.Entry.SiloAddress.ToString(), row.ETag })
            .ToArray();
        if (arguments.Length == 0)
        {
            return 0;
        }

        var result = await RunAsync(
            "clean up", (db, key) => db.ScriptEvaluateAsync(RedisMembershipScripts.Remove, [key], arguments), cancellationToken).ConfigureAwait(false);
        var removed = (int)result;
        LogRemoved(_options.ClusterId, removed);
        return removed;
    }

    public async Task DeleteClusterAsync(CancellationToken cancellationToken) =>
        await RunAsync("delete", (db, key) => db.KeyDeleteAsync(key), cancellationToken).ConfigureAwait(false);

    private async Task<bool> ConditionalAsync(
        string operation, string script, SiloAddress silo, RedisValue[] arguments, CancellationToken cancellationToken)
    {
        var result = await RunAsync(operation, (db, key) => db.ScriptEvaluateAsync(script, [key], arguments), cancellationToken).ConfigureAwait(false);
        var reply = (RedisResult[])result;
        if ((int)reply[0] == 1)
        {
            return true;
        }

        LogRefused(operation, silo, _options.ClusterId, (string)reply[2], (string)reply[1], (string)arguments[0]);
        return false;
    }

    /// <summary>Runs one command; client failures become a <see cref="MembershipTableException"/> naming the server.</summary>
    private async Task<T> RunAsync<T>(string operation, Func<IDatabase, RedisKey, Task<T>> command, CancellationToken cancellationToken)
    {
        try
        {
            var database = await DatabaseAsync(cancellationToken).ConfigureAwait(false);

            // Redis calls take no token: a cancelled caller stops waiting, but the command may still run.
            // That is safe: every write is conditional or idempotent, and the caller re-reads before acting again.
            return await command(database, Key).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or MembershipTableException))
        {
            throw new MembershipTableException(
                $"Could not {operation} the membership table of cluster '{_options.ClusterId}' (key {Key}): {Detail(ex)}", ex);
        }
    }

    private async Task<IDatabase> DatabaseAsync(CancellationToken cancellationToken)
    {
        // Normally rejected at start-up by the options validator; this covers a host that was never started.
        var problems = RedisMembershipOptionsValidator.Problems(_options).ToList();
        if (problems.Count > 0)
        {
            throw new MembershipTableException(string.Join(" ", problems));
        }

        return await _connections.GetDatabaseAsync(_options.ConnectionString!, _options.Database, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Client errors name the server (host:port only, never the password) so the message is actionable.</summary>
    private string Detail(Exception exception) =>
        exception is RedisException or TimeoutException
            ? $"Redis at {_connections.DescribeEndpoints(_options.ConnectionString!)}: {exception.Message}"
            : exception.Message;

    private static string Serialize(MembershipEntry entry) =>
        JsonSerializer.Serialize(RedisMembershipRowJson.From(entry), RedisMembershipJsonContext.Default.RedisMembershipRowJson);

    private MembershipTableSnapshot ToSnapshot(HashEntry[] fields)
    {
        var version = TableVersion.Empty;
        var json = new Dictionary<string, string>(StringComparer.Ordinal);
        var etags = new Dictionary<string, string>(StringComparer.Ordinal);
        var heartbeats = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            var name = (string)field.Name!;
            var value = (string)field.Value!;
            if (name == VersionField)
            {
                // Only the scripts write this field; anything else means the key is not ours.
                version = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                    ? new TableVersion(number, value)
                    : throw new MembershipTableException(
                        $"The membership table of cluster '{_options.ClusterId}' (key {Key}) has a version field that is not a number; " +
                        "another application may be using the same key. Change MultiAgent:Membership:KeyPrefix or remove the key.");
            }
            else if (name.StartsWith(RowPrefix, StringComparison.Ordinal))
            {
                json[name[RowPrefix.Length..]] = value;
            }
            else if (name.StartsWith(ETagPrefix, StringComparison.Ordinal))
            {
                etags[name[ETagPrefix.Length..]] = value;
            }
            else if (name.StartsWith(AlivePrefix, StringComparison.Ordinal)
                && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks))
            {
                heartbeats[name[AlivePrefix.Length..]] = ticks;
            }
        }

        var rows = new List<MembershipRow>(json.Count);
        foreach (var (silo, text) in json)
        {
            if (ToEntry(silo, text) is not { } entry || !etags.TryGetValue(silo, out var etag))
            {
                continue;
            }

            // The heartbeat field and the row's own time: the later one is the last sign of life.
            if (heartbeats.TryGetValue(silo, out var ticks) && ticks > entry.IAmAliveTime.UtcTicks)
            {
                entry = entry with { IAmAliveTime = new DateTimeOffset(ticks, TimeSpan.Zero) };
            }

            rows.Add(new MembershipRow(entry, etag));
        }

        return new MembershipTableSnapshot(rows, version);
    }

    /// <summary>A row this silo cannot read is skipped and logged, not fatal: the rest of the cluster still has to be seen.</summary>
    private MembershipEntry? ToEntry(string silo, string text)
    {
        try
        {
            var row = JsonSerializer.Deserialize(text, RedisMembershipJsonContext.Default.RedisMembershipRowJson);
            return row?.ToEntry();
        }
        catch (Exception ex) when (ex is JsonException or FormatException or NotSupportedException)
        {
            LogUnreadableRow(ex, silo, _options.ClusterId, Key);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Membership {Operation} of silo {Silo} in cluster {ClusterId} refused ({Reason}): table version is {StoredVersion}, the writer read {ExpectedVersion}")]
    private partial void LogRefused(string operation, SiloAddress silo, string? clusterId, string reason, string storedVersion, string expectedVersion);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Count} defunct rows from the membership table of cluster {ClusterId}")]
    private partial void LogRemoved(string? clusterId, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Skipped the unreadable membership row of silo {Silo} in cluster {ClusterId} (key {Key})")]
    private partial void LogUnreadableRow(Exception exception, string silo, string? clusterId, string key);
}
