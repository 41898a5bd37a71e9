using MultiAgent.Tests.Infrastructure;

namespace MultiAgent.Tests.Fleet.Kafka;

/// <summary>A test class whose every test gets a <see cref="KafkaFleet"/> of its own on the shared broker.</summary>
public abstract class KafkaFleetTest(KafkaDevBroker broker) : IAsyncLifetime
{
    private KafkaFleet? _kafka;

    internal KafkaFleet Kafka => _kafka ?? throw new InvalidOperationException("The fleet is started in InitializeAsync.");

    public async Task InitializeAsync() => _kafka = await KafkaFleet.StartAsync(broker);

    public async Task DisposeAsync()
    {
        if (_kafka is not null)
        {
            await _kafka.DisposeAsync();
        }
    }
}
