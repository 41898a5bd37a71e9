using System.Globalization;
using System.Text.RegularExpressions;

namespace MultiAgent.Tests.Infrastructure;

/// <summary>What a silo process's Kafka stream provider said about its partitions, read from its output.</summary>
public static partial class SiloProcessKafka
{
    /// <summary>The partition count the silo's Kafka consumer (provider "fleet") last reported after an assignment; 0 before any.</summary>
    public static int OwnedKafkaPartitions(this SiloProcess silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var owned = OwnsLine().Matches(silo.Output);
        return owned.Count == 0 ? 0 : int.Parse(owned[^1].Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"Kafka stream provider fleet now owns (\d+) partitions")]
    private static partial Regex OwnsLine();
}
