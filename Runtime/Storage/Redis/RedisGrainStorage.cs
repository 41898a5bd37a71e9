using MultiAgent.Runtime.Redis;
using StackExchange.Redis;

namespace MultiAgent.Runtime.Storage;

/// <summary>
/// Grain storage in Redis: one hash per state at <c>{KeyPrefix}:{ServiceId}:state:{stateName}:{grainId}</c>
/// with fields <c>data</c> (serialized state) and <c>etag</c> (a version number). Write and clear are
/// conditional on the etag (see <see cref="RedisGrainStorageScripts"/>); a clear leaves the etag as a tombstone.
/// </summary>
internal sealed class RedisGrainStorage : IGrainStorage
{
    private const string DataField = "data";
    private const string EtagField = "etag";

    private readonly string _name;
    private readonly RedisGrainStorageOptions _options;
    private readonly RedisConnectionFactory _connections;
    private readonly IGrainStateSerializer _serializer;

    public RedisGrainStorage(string name, RedisGrainStorageOptions options, RedisConnectionFactory connections, IGrainStateSerializer serializer)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(connections);
        ArgumentNullException.ThrowIfNull(serializer);
        _name = name;
        _options = options;
        _connections = connections;
        _serializer = serializer;
    }

    public string KeyFor(string stateName, GrainId grainId) => $"{_options.KeyPrefix}:{_options.ServiceId}:state:{stateName}:{grainId}";

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        try
        {
            var database = await DatabaseAsync(cancellationToken).ConfigureAwait(false);
            var fields = await database.HashGetAllAsync(KeyFor(stateName, grainId)).WaitAsync(cancellationToken).ConfigureAwait(false);
            byte[]? data = null;
            string? etag = null;
            foreach (var field in fields)
            {
                if (field.Name == DataField)
                {
                    data = field.Value;
                }
                else if (field.Name == EtagField)
                {
                    etag = field.Value;
                }
            }

            var state = data is null ? NewState.Create<T>(stateName) : _serializer.Deserialize<T>(data);
            grainState.State = state;
            grainState.ETag = etag;
            grainState.RecordExists = data is not null;
        }
        catch (Exception ex) when (GrainStorageErrors.ShouldWrap(ex))
        {
            throw GrainStorageErrors.ReadFailed(_name, stateName, grainId, ex, Detail(ex));
        }
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        string etag;
        try
        {
            var data = _serializer.Serialize(grainState.State);
            etag = await SwapAsync("write", RedisGrainStorageScripts.Write, stateName, grainId, grainState.ETag, data, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (GrainStorageErrors.ShouldWrap(ex))
        {
            throw GrainStorageErrors.WriteFailed(_name, stateName, grainId, ex, Detail(ex));
        }

        grainState.ETag = etag;
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        T fresh;
        string etag;
        try
        {
            fresh = NewState.Create<T>(stateName);
            etag = await SwapAsync("clear", RedisGrainStorageScripts.Clear, stateName, grainId, grainState.ETag, data: null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (GrainStorageErrors.ShouldWrap(ex))
        {
            throw GrainStorageErrors.ClearFailed(_name, stateName, grainId, ex, Detail(ex));
        }

        grainState.State = fresh;
        grainState.ETag = etag;
        grainState.RecordExists = false;
    }

    /// <summary>Runs a conditional script; returns the new etag or throws <see cref="InconsistentStateException"/>.</summary>
    private async Task<string> SwapAsync(
        string operation, string script, string stateName, GrainId grainId, string? expectedEtag, byte[]? data, CancellationToken cancellationToken)
    {
        var database = await DatabaseAsync(cancellationToken).ConfigureAwait(false);
        RedisValue[] arguments = data is null ? [expectedEtag ?? string.Empty] : [expectedEtag ?? string.Empty, data];

        // Redis calls take no token: a cancelled caller stops waiting, but the script may still run.
        // That is safe: this activation keeps its old etag, so its next write conflicts and it re-reads.
        var result = await database.ScriptEvaluateAsync(script, [KeyFor(stateName, grainId)], arguments)
            .WaitAsync(cancellationToken).ConfigureAwait(false);
        var reply = (RedisResult[])result;
        var etag = (string)reply[1];
        if ((int)reply[0] == 1)
        {
            return etag;
        }

        throw GrainStorageErrors.Conflict(operation, _name, stateName, grainId, string.IsNullOrEmpty(etag) ? null : etag, expectedEtag);
    }

    private async Task<IDatabase> DatabaseAsync(CancellationToken cancellationToken)
    {
        // Normally rejected at start-up by the options validator; this covers a host that was never started.
        if (string.IsNullOrWhiteSpace(_options.ConnectionString))
        {
            throw new InvalidOperationException(string.Join(" ", RedisGrainStorageOptionsValidator.Problems(_name, _options)));
        }

        return await _connections.GetDatabaseAsync(_options.ConnectionString, _options.Database, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Client errors name the server (host:port only, never the password) so the message is actionable.</summary>
    private string Detail(Exception exception) =>
        exception is RedisException or TimeoutException
            ? $"Redis at {_connections.DescribeEndpoints(_options.ConnectionString!)}: {exception.Message}"
            : exception.Message;
}
