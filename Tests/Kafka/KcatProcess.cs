using System.Diagnostics;
using System.Text;

namespace MultiAgent.Tests.Kafka;

/// <summary>kcat (the OS package) as an outside Kafka client in a process of its own.</summary>
internal sealed class KcatProcess : IAsyncDisposable
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private KcatProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static KcatProcess Start(params string[] arguments) => new(Launch(arguments));

    /// <summary>Runs kcat to completion with <paramref name="input"/> on its stdin; a non-zero exit fails the test.</summary>
    public static async Task RunAsync(string input, params string[] arguments)
    {
        await using var kcat = new KcatProcess(Launch(arguments));
        await kcat._process.StandardInput.WriteAsync(input);
        kcat._process.StandardInput.Close();
        using var deadline = new CancellationTokenSource(RunTimeout);
        await kcat._process.WaitForExitAsync(deadline.Token);
        Assert.True(kcat._process.ExitCode == 0, $"kcat {string.Join(' ', arguments)} exited with {kcat._process.ExitCode}:\n{kcat.Output}");
    }

    /// <summary><c>kill -9</c>: it leaves its consumer group without a word.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync();
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the kill.
        }

        _process.Dispose();
    }

    private static Process Launch(string[] arguments)
    {
        var start = new ProcessStartInfo(FindExecutable())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("Could not start kcat.");
    }

    private static string FindExecutable() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Append("/usr/bin")
            .Select(dir => Path.Combine(dir, "kcat"))
            .FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("kcat was not found on PATH: install the kcat OS package (scripts/test.sh does).");

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
