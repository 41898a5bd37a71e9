using StackExchange.Redis;

namespace MultiAgent.Runtime.Redis;

/// <summary>The checks every Redis-backed option set shares, worded with the configuration section and the user of the connection.</summary>
internal static class RedisOptionsChecks
{
    /// <param name="section">e.g. <c>MultiAgent:Membership</c>.</param>
    /// <param name="purpose">e.g. "the Redis membership table", "Redis grain storage 'Default'".</param>
    public static IEnumerable<string> Problems(string section, string purpose, string? connectionString, string? keyPrefix, int database)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            yield return $"{section}:ConnectionString is required for {purpose} " +
                $"(e.g. \"localhost:6379\"; from the environment: {EnvironmentName(section)}__CONNECTIONSTRING).";
        }
        else if (ParseError(connectionString) is { } error)
        {
            yield return $"{section}:ConnectionString is not a valid Redis connection string for {purpose}: {error}";
        }

        if (string.IsNullOrWhiteSpace(keyPrefix))
        {
            yield return $"{section}:KeyPrefix must not be empty for {purpose}.";
        }

        if (database < -1)
        {
            yield return $"{section}:Database must be -1 (the connection's default) or a database number for {purpose}; it is {database}.";
        }
    }

    private static string EnvironmentName(string section) => section.Replace(":", "__", StringComparison.Ordinal).ToUpperInvariant();

    // The parser's messages name the offending keyword, never its value, so no password leaks.
    private static string? ParseError(string connectionString)
    {
        try
        {
            _ = ConfigurationOptions.Parse(connectionString);
            return null;
        }
        catch (ArgumentException ex)
        {
            return ex.Message;
        }
    }
}
