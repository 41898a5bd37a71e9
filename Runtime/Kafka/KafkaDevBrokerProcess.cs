using System.Diagnostics;
using System.Threading.Channels;

namespace MultiAgent.Runtime.Kafka;

/// <summary>
/// A <c>kafka-dev</c> broker in a child process (<c>dotnet &lt;assembly&gt; kafka-dev …</c>), for tests and
/// benchmarks: it outlives any silo they kill, and it holds the child's stdin so the child exits with its
/// parent even when the parent is killed. Ready when the child has written its port file (topics created).
/// </summary>
public sealed class KafkaDevBrokerProcess : IAsyncDisposable
{
    private const int KeptOutputLines = 200;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan GracefulExit = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(15);

    private readonly Process _process;
    private readonly string _directory;
    private readonly Queue<string> _output = new();
    private readonly Lock _gate = new();
    private readonly Channel<string> _replies = Channel.CreateUnbounded<string>();
    private readonly SemaphoreSlim _commands = new(1, 1);

    private KafkaDevBrokerProcess(Process process, string directory)
    {
        _process = process;
        _directory = directory;
        process.OutputDataReceived += (_, e) =>
        {
            Keep(e.Data);
            if (e.Data is null)
            {
                _replies.Writer.TryComplete();
            }
            else if (e.Data.StartsWith(KafkaDevControl.TopicCreated, StringComparison.Ordinal) || e.Data.StartsWith(KafkaDevControl.Error, StringComparison.Ordinal))
            {
                _replies.Writer.TryWrite(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string BootstrapServers { get; private set; } = string.Empty;

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the broker printed (stdout and stderr), for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_gate)
            {
                return string.Join('\n', _output);
            }
        }
    }

    /// <summary>
    /// Runs <c>dotnet <paramref name="assemblyPath"/> <paramref name="command"/> [options]</c> and waits up to
    /// <paramref name="startTimeout"/> for the bootstrap address.
    /// </summary>
    public static async Task<KafkaDevBrokerProcess> StartAsync(
        string assemblyPath, IReadOnlyList<string> command, int brokers, IReadOnlyList<KafkaTopicSpec> topics, TimeSpan startTimeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!File.Exists(assemblyPath))
        {
            throw new FileNotFoundException($"The kafka-dev host {assemblyPath} does not exist; build the solution first.", assemblyPath);
        }

        var directory = Directory.CreateTempSubdirectory("multiagent-kafka-").FullName;
        var options = new KafkaDevHostOptions
        {
            Brokers = brokers,
            Topics = topics,
            PortFile = Path.Combine(directory, "bootstrap"),
            ExitOnStdinClose = true,
        };
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = Path.GetDirectoryName(assemblyPath)!,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(assemblyPath);
        foreach (var argument in command.Concat(KafkaDevArguments.Format(options)))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {assemblyPath}.");
        var broker = new KafkaDevBrokerProcess(process, directory);
        try
        {
            await broker.WaitForBootstrapAsync(options.PortFile, startTimeout, cancellationToken).ConfigureAwait(false);
            return broker;
        }
        catch
        {
            await broker.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Creates a topic with exactly <paramref name="partitions"/> partitions (see <see cref="KafkaDevControl"/>).</summary>
    public async Task CreateTopicAsync(string name, int partitions, CancellationToken cancellationToken)
    {
        var topic = new KafkaTopicSpec(name, partitions);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(CommandTimeout);
        await _commands.WaitAsync(deadline.Token).ConfigureAwait(false);
        try
        {
            await _process.StandardInput.WriteLineAsync($"{KafkaDevControl.CreateTopic}{topic}".AsMemory(), deadline.Token).ConfigureAwait(false);
            await _process.StandardInput.FlushAsync(deadline.Token).ConfigureAwait(false);
            if (!await _replies.Reader.WaitToReadAsync(deadline.Token).ConfigureAwait(false) || !_replies.Reader.TryRead(out var reply))
            {
                throw new InvalidOperationException($"kafka-dev exited before creating topic {topic}:\n{Output}");
            }

            if (reply != $"{KafkaDevControl.TopicCreated}{topic}")
            {
                throw new InvalidOperationException($"kafka-dev could not create topic {topic}: {reply}");
            }
        }
        finally
        {
            _commands.Release();
        }
    }

    /// <summary><c>kill -9</c>: the broker and all its data are gone at once.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>Closes the child's stdin (it stops gracefully), killing it if it has not exited after a few seconds.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.StandardInput.Close();
                using var grace = new CancellationTokenSource(GracefulExit);
                try
                {
                    await _process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync().ConfigureAwait(false);
                }
            }
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the kill.
        }
        catch (IOException)
        {
            // Its stdin pipe was already broken: it is gone.
        }

        _process.Dispose();
        _commands.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A temp directory left behind is harmless.
        }
    }

    public override string ToString() => $"kafka-dev pid {_process.Id} at {BootstrapServers}";

    private async Task WaitForBootstrapAsync(string portFile, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var elapsed = Stopwatch.StartNew();
        while (true)
        {
            if (File.Exists(portFile))
            {
                var text = (await File.ReadAllTextAsync(portFile, cancellationToken).ConfigureAwait(false)).Trim();
                if (text.Length > 0)
                {
                    BootstrapServers = text;
                    return;
                }
            }

            if (_process.HasExited)
            {
                await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false); // drains the output
                throw new InvalidOperationException($"kafka-dev exited with code {_process.ExitCode} before it was ready:\n{Output}");
            }

            if (elapsed.Elapsed > timeout)
            {
                throw new TimeoutException($"kafka-dev wrote no bootstrap address within {timeout.TotalSeconds:0.#} s:\n{Output}");
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _output.Enqueue(line);
            if (_output.Count > KeptOutputLines)
            {
                _output.Dequeue();
            }
        }
    }

    /// <summary>The dotnet host running us when there is one (under <c>dotnet test</c> or <c>dotnet run</c>), else the one on PATH.</summary>
    private static string DotnetHost()
    {
        var fromSdk = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromSdk) && File.Exists(fromSdk))
        {
            return fromSdk;
        }

        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }
}
