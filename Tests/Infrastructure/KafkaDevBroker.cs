using System.Reflection;
using MultiAgent.Runtime.Kafka;

namespace MultiAgent.Tests.Infrastructure;

/// <summary>
/// The embedded Kafka broker in a process of its own (<c>dotnet MultiAgent.Client.dll kafka-dev</c>, this
/// build's output), so it outlives any silo a test kills. Starts with the project's topics
/// (<see cref="KafkaDevHostOptions.DefaultTopics"/>); tests create their own with <see cref="CreateTopicAsync"/>.
/// </summary>
public sealed class KafkaDevBroker : IAsyncLifetime
{
    /// <summary>Overrides where MultiAgent.Client.dll is, for a test run outside the repository's build layout.</summary>
    public const string ClientAssemblyVariable = "MULTIAGENT_CLIENT_DLL";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static int _sequence;

    private KafkaDevBrokerProcess? _process;

    public string BootstrapServers => Process.BootstrapServers;

    public KafkaDevBrokerProcess Process => _process ?? throw new InvalidOperationException("The Kafka broker has not been started.");

    /// <summary>Where this build's MultiAgent.Client.dll is: <c>Client/bin/&lt;configuration&gt;/&lt;tfm&gt;/</c> of the repository.</summary>
    public static string ClientAssemblyPath => LocateClientAssembly();

    /// <summary>A name no other test in this run uses, for topics and consumer groups.</summary>
    public static string UniqueName(string prefix) => $"{prefix}.{Environment.ProcessId}.{Interlocked.Increment(ref _sequence)}";

    /// <summary>Creates a topic with exactly <paramref name="partitions"/> partitions and returns its name (unique per call).</summary>
    public async Task<string> CreateTopicAsync(string prefix, int partitions, CancellationToken cancellationToken = default)
    {
        var name = UniqueName(prefix);
        await Process.CreateTopicAsync(name, partitions, cancellationToken);
        return name;
    }

    async Task IAsyncLifetime.InitializeAsync()
    {
        var client = ClientAssemblyPath;
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(ClientAssemblyVariable)))
        {
            await KafkaClientBuild.EnsureBuiltAsync(client, Configuration, CancellationToken.None);
        }

        _process = await KafkaDevBrokerProcess.StartAsync(
            client, ["kafka-dev"], brokers: 1, KafkaTopicSpec.ParseList(KafkaDevHostOptions.DefaultTopics), StartTimeout, CancellationToken.None);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
            _process = null;
        }
    }

    private static string Configuration =>
        typeof(KafkaDevBroker).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

    private static string LocateClientAssembly()
    {
        var overridden = Environment.GetEnvironmentVariable(ClientAssemblyVariable);
        if (!string.IsNullOrEmpty(overridden))
        {
            return overridden;
        }

        // Tests/bin/<configuration>/<tfm>/ → the repository root holds MultiAgent.sln.
        var output = new DirectoryInfo(AppContext.BaseDirectory);
        var root = output;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "MultiAgent.sln")))
        {
            root = root.Parent;
        }

        if (root is null)
        {
            throw new InvalidOperationException(
                $"No MultiAgent.sln above {output.FullName}; set {ClientAssemblyVariable} to MultiAgent.Client.dll.");
        }

        // The client of the same build: same configuration, same target framework.
        return Path.Combine(root.FullName, "Client", "bin", Configuration, output.Name, "MultiAgent.Client.dll");
    }
}
