namespace MultiAgent.Runtime.Membership;

/// <summary>
/// The table's writes, each one Lua script so the checks and the change are atomic. KEYS[1] is the
/// cluster's hash (see <see cref="RedisMembershipTable"/> for its fields). A row's etag is the table
/// version its last write created: unique for the life of the table, so a re-inserted row never
/// matches a stale etag. Conditional scripts return { 1, newVersion } on success and
/// { 0, storedVersion, reason } on a refusal, having changed nothing.
/// </summary>
internal static class RedisMembershipScripts
{
    /// <summary>ARGV: expected table version, silo address, entry JSON.</summary>
    public const string Insert = """
        local version = redis.call('HGET', KEYS[1], 'version') or '0'
        if version ~= ARGV[1] then
            return { 0, version, 'version' }
        end
        if redis.call('HEXISTS', KEYS[1], 'row:' .. ARGV[2]) == 1 then
            return { 0, version, 'exists' }
        end
        local next = tostring(redis.call('HINCRBY', KEYS[1], 'version', 1))
        redis.call('HSET', KEYS[1], 'row:' .. ARGV[2], ARGV[3], 'etag:' .. ARGV[2], next)
        redis.call('HDEL', KEYS[1], 'alive:' .. ARGV[2])
        return { 1, next }
        """;

    /// <summary>ARGV: expected table version, silo address, expected row etag, entry JSON. Leaves the heartbeat field alone.</summary>
    public const string Update = """
        local version = redis.call('HGET', KEYS[1], 'version') or '0'
        if version ~= ARGV[1] then
            return { 0, version, 'version' }
        end
        local etag = redis.call('HGET', KEYS[1], 'etag:' .. ARGV[2])
        if not etag then
            return { 0, version, 'missing' }
        end
        if etag ~= ARGV[3] then
            return { 0, version, 'etag' }
        end
        local next = tostring(redis.call('HINCRBY', KEYS[1], 'version', 1))
        redis.call('HSET', KEYS[1], 'row:' .. ARGV[2], ARGV[4], 'etag:' .. ARGV[2], next)
        return { 1, next }
        """;

    /// <summary>
    /// ARGV: silo address, heartbeat time (UTC ticks). Writes only the heartbeat field: no version, no etag.
    /// Refused for a silo without a row, so a late heartbeat cannot leave a field behind a removed row.
    /// </summary>
    public const string Heartbeat = """
        if redis.call('HEXISTS', KEYS[1], 'row:' .. ARGV[1]) == 0 then
            return 0
        end
        redis.call('HSET', KEYS[1], 'alive:' .. ARGV[1], ARGV[2])
        return 1
        """;

    /// <summary>
    /// ARGV: pairs of silo address and the row etag it was read with. Removes each row whose etag still
    /// matches (one that changed since is left for the next cleanup); bumps the version once if any went.
    /// Returns how many rows were removed.
    /// </summary>
    public const string Remove = """
        local removed = 0
        for i = 1, #ARGV, 2 do
            local silo = ARGV[i]
            if redis.call('HGET', KEYS[1], 'etag:' .. silo) == ARGV[i + 1] then
                redis.call('HDEL', KEYS[1], 'row:' .. silo, 'etag:' .. silo, 'alive:' .. silo)
                removed = removed + 1
            end
        end
        if removed > 0 then
            redis.call('HINCRBY', KEYS[1], 'version', 1)
        end
        return removed
        """;
}
