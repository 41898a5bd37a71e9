using MultiAgent.Runtime.Redis;
using Microsoft.Extensions.Options;
using MultiAgent.Runtime.Hosting;

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
        var purpose = $"Redis grain storage '{storageName}'";
        foreach (var problem in RedisOptionsChecks.Problems(section, purpose, options.ConnectionString, options.KeyPrefix, options.Database))
        {
            yield return problem;
        }

        if (string.IsNullOrWhiteSpace(options.ServiceId))
        {
            yield return $"{section}:ServiceId must not be empty for {purpose}.";
        }
    }
}
