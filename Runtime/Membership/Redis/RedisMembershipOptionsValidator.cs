using MultiAgent.Runtime.Redis;
using Microsoft.Extensions.Options;
using MultiAgent.Runtime.Hosting;

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
        foreach (var problem in RedisOptionsChecks.Problems(MembershipOptions.SectionName, "the Redis membership table", options.ConnectionString, options.KeyPrefix, options.Database))
        {
            yield return problem;
        }

        if (string.IsNullOrWhiteSpace(options.ClusterId))
        {
            yield return $"{ConfigurationKeys.Silo}:ClusterId must not be empty: it names the cluster's membership table in Redis.";
        }
    }
}
