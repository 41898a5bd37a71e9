namespace MultiAgent.Runtime.Storage;

/// <summary>
/// The conditional write and clear, each one Lua script so the compare and the change are atomic.
/// KEYS[1] is the state hash; ARGV[1] the expected etag ('' when the writer expects no record).
/// Both return { 1, newEtag } on success and { 0, storedEtag } on a conflict, having changed nothing.
/// </summary>
internal static class RedisGrainStorageScripts
{
    /// <summary>ARGV[2] is the serialized state.</summary>
    public const string Write = """
        local stored = redis.call('HGET', KEYS[1], 'etag') or ''
        if stored ~= ARGV[1] then
            return { 0, stored }
        end
        redis.call('HSET', KEYS[1], 'data', ARGV[2])
        return { 1, tostring(redis.call('HINCRBY', KEYS[1], 'etag', 1)) }
        """;

    /// <summary>Leaves a tombstone: the data goes, the etag stays (bumped), so a writer that read before the clear conflicts.</summary>
    public const string Clear = """
        local stored = redis.call('HGET', KEYS[1], 'etag') or ''
        if stored ~= ARGV[1] then
            return { 0, stored }
        end
        redis.call('HDEL', KEYS[1], 'data')
        return { 1, tostring(redis.call('HINCRBY', KEYS[1], 'etag', 1)) }
        """;
}
