using System.Reflection;
using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace MultiAgent.Runtime.Kafka;

/// <summary>
/// librdkafka's mock-cluster entry points (rdkafka_mock.h), which Confluent.Kafka does not wrap, bound from
/// the same library instance Confluent.Kafka uses. Also the one place that digs the raw <c>rd_kafka_t*</c>
/// out of a Confluent client.
/// </summary>
internal static class KafkaMockApi
{
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr HandleMockClusterFn(IntPtr rk);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr MockClusterBootstrapsFn(IntPtr mcluster);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int MockTopicCreateFn(IntPtr mcluster, [MarshalAs(UnmanagedType.LPUTF8Str)] string topic, int partitions, int replicationFactor);

    private static readonly Lazy<Functions> Bound = new(Bind);

    /// <summary><c>rd_kafka_handle_mock_cluster</c>: the mock cluster a client created through <c>test.mock.num.brokers</c>, or zero.</summary>
    public static IntPtr HandleMockCluster(IntPtr rk) => Bound.Value.HandleMockCluster(rk);

    /// <summary><c>rd_kafka_mock_cluster_bootstraps</c>: "host:port,host:port" of the mock brokers.</summary>
    public static string Bootstraps(IntPtr mcluster) =>
        Marshal.PtrToStringUTF8(Bound.Value.Bootstraps(mcluster)) ?? throw new InvalidOperationException("The mock cluster has no bootstrap servers.");

    /// <summary><c>rd_kafka_mock_topic_create</c>; returns librdkafka's error code (0 = no error).</summary>
    public static ErrorCode CreateTopic(IntPtr mcluster, string topic, int partitions, int replicationFactor) =>
        (ErrorCode)Bound.Value.CreateTopic(mcluster, topic, partitions, replicationFactor);

    /// <summary>
    /// The <c>rd_kafka_t*</c> behind a Confluent client. Confluent.Kafka 1.9.3 keeps it in the internal
    /// <c>Handle.LibrdkafkaHandle</c> (a SafeHandle) and offers no public accessor, so reflection it is; the
    /// caller must keep <paramref name="client"/> alive while it uses the pointer.
    /// </summary>
    public static IntPtr RawHandle(IClient client)
    {
        var property = typeof(Handle).GetProperty("LibrdkafkaHandle", BindingFlags.Instance | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException("This Confluent.Kafka has no Handle.LibrdkafkaHandle; the embedded broker needs Confluent.Kafka 1.9.x.");
        var safeHandle = property.GetValue(client.Handle) as SafeHandle
            ?? throw new InvalidOperationException("The Kafka client has no native handle.");
        return safeHandle.DangerousGetHandle();
    }

    private static Functions Bind()
    {
        var library = KafkaNative.Handle;
        return new Functions(
            Export<HandleMockClusterFn>(library, "rd_kafka_handle_mock_cluster"),
            Export<MockClusterBootstrapsFn>(library, "rd_kafka_mock_cluster_bootstraps"),
            Export<MockTopicCreateFn>(library, "rd_kafka_mock_topic_create"));
    }

    private static T Export<T>(IntPtr library, string name)
        where T : Delegate =>
        NativeLibrary.TryGetExport(library, name, out var address)
            ? Marshal.GetDelegateForFunctionPointer<T>(address)
            : throw new InvalidOperationException($"librdkafka ({KafkaNative.LibraryPath}) has no {name}; the embedded broker needs librdkafka ≥ 1.4 built with the mock cluster.");

    private sealed record Functions(
        HandleMockClusterFn HandleMockCluster,
        MockClusterBootstrapsFn Bootstraps,
        MockTopicCreateFn CreateTopic);
}
