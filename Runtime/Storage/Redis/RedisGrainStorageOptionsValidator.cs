using Microsoft.Extensions.Options;
using MultiAgent.Runtime.Hosting;
using StackExchange.Redis;

namespace MultiAgent.Runtime.Storage;

/// <summary>Validates one named Redis grain storage at start-up; messages name the configuration key to fix.</summary>
internal sealed class RedisGrainStorageOptionsValidator(string storageName) : IValidateOptions<RedisGrainStorageOptions>
{
    public string StorageName { get; } = storageName;

    public ValidateOptionsResult Validate(string? name, RedisGrainStorageOptions options)
    {
        // Each named storage registers its own validator; the others are not ours to judge.
        if (!string.Equals(name, StorageName, StringComparison.Ordinal))
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = Problems(StorageName, options).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Also used by the provider itself, so an unvalidated container fails with the same words.</summary>
    internal static IEnumerable<string> Problems(string storageName, RedisGrainStorageOptions options)
    {
        var section = ConfigurationKeys.Storage(storageName);
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            yield return $"{section}:ConnectionString is required for Redis grain storage '{storageName}' " +
                $"(e.g. \"localhost:6379\"; from the environment: {EnvironmentName(section)}__CONNECTIONSTRING).";
        }
        else if (ParseError(options.ConnectionString) is { } error)
        {
            yield return $"{section}:ConnectionString is not a valid Redis connection string for grain storage '{storageName}': {error}";
        }

        if (string.IsNullOrWhiteSpace(options.KeyPrefix))
        {
            yield return $"{section}:KeyPrefix must not be empty for Redis grain storage '{storageName}'.";
        }

        if (string.IsNullOrWhiteSpace(options.ServiceId))
        {
            yield return $"{section}:ServiceId must not be empty for Redis grain storage '{storageName}'.";
        }

        if (options.Database < -1)
        {
            yield return $"{section}:Database must be -1 (the connection's default) or a database number for Redis grain storage '{storageName}'; it is {options.Database}.";
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
