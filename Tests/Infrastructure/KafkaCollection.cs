namespace MultiAgent.Tests.Infrastructure;

/// <summary>Test classes in this collection share one <see cref="KafkaDevBroker"/> (constructor parameter); they keep apart by unique topics and groups.</summary>
[CollectionDefinition(Name)]
public sealed class KafkaCollection : ICollectionFixture<KafkaDevBroker>
{
    public const string Name = "kafka";
}
