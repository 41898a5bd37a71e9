namespace MultiAgent.Grains.Fleet;

/// <summary>The stream provider and storage provider names the fleet grains use, named once so silos configure what grains expect.</summary>
public static class FleetStreams
{
    /// <summary>The stream provider carrying <c>orders</c> in and <c>task-completions</c> out (memory in tests, Kafka in production).</summary>
    public const string ProviderName = "fleet";

    /// <summary>The grain storage provider holding scheduler, warehouse and robot state.</summary>
    public const string StorageName = "fleet";
}
