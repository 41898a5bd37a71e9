using Microsoft.Extensions.Options;
using MultiAgent.Runtime.Hosting;
using StackExchange.Redis;

namespace MultiAgent.Runtime.Membership;

/// <summary>Validates the Redis membership table's options at start-up; messages name the configuration key to fix.</summary>
internal sealed class RedisMembershipOptionsValidator : IValidateOptions<RedisMembershipOptions>
{
    public ValidateOptionsResult Validate(string? name, RedisMembershipOptions options)
    {
        var failures = Problems(options).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Also used by the table itself, so an unvalidated container fails with the same words.</summary>
    internal static IEnumerable<string> Problems(RedisMembershipOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var section = MembershipOptions.SectionName;
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            yield return $"{section}:ConnectionString is required for the Redis membership table " +
                $"(e.g. \"localhost:6379\"; from the environment: {EnvironmentName(section)}__CONNECTIONSTRING).";
        }
        else if (ParseError(options.ConnectionString) is { } error)
        {
            yield return $"{section}:ConnectionString is not a valid Redis connection string for the membership table: {error}";
        }

        if (string.IsNullOrWhiteSpace(options.KeyPrefix))
        {
            yield return $"{section}:KeyPrefix must not be empty for the Redis membership table.";
        }

        if (string.IsNullOrWhiteSpace(options.ClusterId))
        {
            yield return $"{ConfigurationKeys.Silo}:ClusterId must not be empty: it names the cluster's membership table in Redis.";
        }

        if (options.Database < -1)
        {
            yield return $"{section}:Database must be -1 (the connection's default) or a database number for the Redis membership table; it is {options.Database}.";
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
