using System.Globalization;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MultiAgent.Runtime.Kafka;

/// <summary>
/// librdkafka's built-in mock cluster: brokers in this process that speak the real Kafka protocol on loopback
/// ports, keep data in memory and balance consumer groups, so any Kafka client (Confluent.Kafka, kcat) can use
/// them. It lives as long as the client handle that created it (a producer configured with
/// <c>test.mock.num.brokers</c>); disposing this object stops the brokers and drops their data. For development
/// and tests only: run it in a process of its own (<c>multiagent-client kafka-dev</c>) so it outlives silos.
/// </summary>
public sealed partial class EmbeddedKafkaCluster : IDisposable
{
    private readonly IProducer<Null, Null> _owner;
    private readonly IntPtr _mockCluster;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private bool _disposed;

    private EmbeddedKafkaCluster(IProducer<Null, Null> owner, IntPtr mockCluster, int brokers, ILogger logger)
    {
        _owner = owner;
        _mockCluster = mockCluster;
        _logger = logger;
        Brokers = brokers;
        BootstrapServers = KafkaMockApi.Bootstraps(mockCluster);
    }

    public int Brokers { get; }

    /// <summary>"127.0.0.1:port[,…]" for <c>bootstrap.servers</c>.</summary>
    public string BootstrapServers { get; }

    /// <summary>Starts <paramref name="brokers"/> mock brokers on loopback ports chosen by the OS.</summary>
    public static EmbeddedKafkaCluster Start(int brokers = 1, ILogger? logger = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokers, 1);
        logger ??= NullLogger.Instance;
        KafkaNative.EnsureLoaded();

        var config = new ProducerConfig { ClientId = "multiagent-kafka-dev" };
        config.Set("test.mock.num.brokers", brokers.ToString(CultureInfo.InvariantCulture));
        var owner = new ProducerBuilder<Null, Null>(config)
            .SetLogHandler((_, message) => KafkaLogBridge.Log(logger, message))
            .SetErrorHandler((_, error) => LogClientError(logger, error.Code, error.Reason))
            .Build();
        try
        {
            var mockCluster = KafkaMockApi.HandleMockCluster(KafkaMockApi.RawHandle(owner));
            if (mockCluster == IntPtr.Zero)
            {
                throw new InvalidOperationException($"librdkafka ({KafkaNative.LibraryPath}) created no mock cluster for test.mock.num.brokers={brokers}.");
            }

            var cluster = new EmbeddedKafkaCluster(owner, mockCluster, brokers, logger);
            LogStarted(logger, brokers, cluster.BootstrapServers, Library.VersionString);
            return cluster;
        }
        catch
        {
            owner.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Creates a topic through the mock's own API: the admin client's CreateTopics never completes against the
    /// mock ("waiting for controller"), and a topic created on first use gets only
    /// <see cref="KafkaTopicSpec.MockAutoCreatePartitions"/> partitions.
    /// </summary>
    public void CreateTopic(string name, int partitions, int? replicationFactor = null)
    {
        var topic = new KafkaTopicSpec(name, partitions);
        var replicas = replicationFactor ?? Math.Min(3, Brokers);
        ArgumentOutOfRangeException.ThrowIfLessThan(replicas, 1, nameof(replicationFactor));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(replicas, Brokers, nameof(replicationFactor));
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var error = KafkaMockApi.CreateTopic(_mockCluster, topic.Name, topic.Partitions, replicas);
            if (error != ErrorCode.NoError)
            {
                throw new KafkaException(new Error(error, $"Creating topic '{topic.Name}' ({topic.Partitions} partitions) on the embedded broker failed: {new Error(error).Reason}"));
            }
        }

        LogTopicCreated(_logger, topic.Name, topic.Partitions, replicas);
    }

    public void CreateTopics(IEnumerable<KafkaTopicSpec> topics)
    {
        ArgumentNullException.ThrowIfNull(topics);
        foreach (var topic in topics)
        {
            CreateTopic(topic.Name, topic.Partitions);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        // Destroying the owning handle stops the mock brokers (connected clients see the sockets close).
        _owner.Dispose();
        LogStopped(_logger, BootstrapServers);
    }

    [LoggerMessage(EventId = 7110, Level = LogLevel.Information, Message = "Embedded Kafka: {Brokers} mock broker(s) at {BootstrapServers} (librdkafka {LibrdkafkaVersion})")]
    private static partial void LogStarted(ILogger logger, int brokers, string bootstrapServers, string librdkafkaVersion);

    [LoggerMessage(EventId = 7111, Level = LogLevel.Information, Message = "Embedded Kafka: topic {Topic} created with {Partitions} partition(s), replication factor {ReplicationFactor}")]
    private static partial void LogTopicCreated(ILogger logger, string topic, int partitions, int replicationFactor);

    [LoggerMessage(EventId = 7112, Level = LogLevel.Information, Message = "Embedded Kafka at {BootstrapServers} stopped")]
    private static partial void LogStopped(ILogger logger, string bootstrapServers);

    [LoggerMessage(EventId = 7113, Level = LogLevel.Warning, Message = "Embedded Kafka owner client error {Code}: {Reason}")]
    private static partial void LogClientError(ILogger logger, ErrorCode code, string reason);
}
