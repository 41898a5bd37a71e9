using System.Diagnostics;

namespace MultiAgent.Tests.Infrastructure;

/// <summary>
/// Builds the client (which hosts <c>kafka-dev</c>) when its output is missing. <c>dotnet test MultiAgent.sln</c>
/// builds only the test project and what it references, and Tests does not reference Client, so in a fresh
/// clone nothing else would build it. (A <c>ProjectReference</c> with <c>ReferenceOutputAssembly="false"</c>
/// in Tests.csproj would make this a no-op.)
/// </summary>
internal static class KafkaClientBuild
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(5);
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>Makes sure <paramref name="clientAssembly"/> (Client/bin/&lt;configuration&gt;/&lt;tfm&gt;/MultiAgent.Client.dll) exists.</summary>
    public static async Task EnsureBuiltAsync(string clientAssembly, string configuration, CancellationToken cancellationToken)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            if (File.Exists(clientAssembly))
            {
                return;
            }

            // Client/bin/<configuration>/<tfm>/x.dll → Client/Client.csproj
            var project = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(clientAssembly)!, "..", "..", "..", "Client.csproj"));
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "build", project, "-c", configuration, "--nologo", "-v", "quiet" })
            {
                start.ArgumentList.Add(argument);
            }

            using var build = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet build.");
            var output = build.StandardOutput.ReadToEndAsync(cancellationToken);
            var errors = build.StandardError.ReadToEndAsync(cancellationToken);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(BuildTimeout);
            try
            {
                await build.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                build.Kill(entireProcessTree: true);
                throw new TimeoutException($"dotnet build {project} did not finish within {BuildTimeout.TotalMinutes} min.");
            }

            if (build.ExitCode != 0 || !File.Exists(clientAssembly))
            {
                throw new InvalidOperationException(
                    $"dotnet build {project} -c {configuration} exited with {build.ExitCode} and {clientAssembly} is {(File.Exists(clientAssembly) ? "there" : "missing")}:\n{await output}\n{await errors}");
            }
        }
        finally
        {
            Gate.Release();
        }
    }
}
