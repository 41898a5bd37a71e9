using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace MultiAgent.Tests.CodeGen;

/// <summary>Runs the grain code generator over source strings, as the compiler would in a consuming project.</summary>
internal static class GeneratorHarness
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);
    private static readonly Lazy<Type> GeneratorType = new(LoadGeneratorType);

    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest);

    public static CSharpCompilation CreateCompilation(string source, string assemblyName = "TestGrains", params MetadataReference[] extraReferences) =>
        CreateCompilation([source], assemblyName, extraReferences);

    public static CSharpCompilation CreateCompilation(string[] sources, string assemblyName, params MetadataReference[] extraReferences) =>
        CSharpCompilation.Create(
            assemblyName,
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"{assemblyName}{i}.cs")),
            References.Value.AddRange(extraReferences),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorRun Run(string source, string assemblyName = "TestGrains", params MetadataReference[] extraReferences) =>
        Run(CreateCompilation(source, assemblyName, extraReferences));

    public static GeneratorRun Run(Compilation compilation)
    {
        var driver = CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return new GeneratorRun(output, diagnostics, driver.GetRunResult());
    }

    /// <summary>A driver that records pipeline steps, so tests can see what was cached.</summary>
    public static GeneratorDriver CreateDriver() => CSharpGeneratorDriver.Create(
        [CreateGenerator().AsSourceGenerator()],
        parseOptions: ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static IIncrementalGenerator CreateGenerator() => (IIncrementalGenerator)Activator.CreateInstance(GeneratorType.Value)!;

    /// <summary>Compiles to memory and returns a reference other compilations can use, like a referenced project.</summary>
    public static MetadataReference ToReference(Compilation compilation) => MetadataReference.CreateFromImage(Emit(compilation));

    /// <summary>Loads the compiled assembly into a throwaway load context; runtime types resolve to the test's own.</summary>
    public static Assembly Load(Compilation compilation)
    {
        var context = new AssemblyLoadContext(compilation.AssemblyName, isCollectible: true);
        using var image = new MemoryStream(Emit(compilation));
        return context.LoadFromStream(image);
    }

    private static byte[] Emit(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        Assert.True(result.Success, string.Join(Environment.NewLine, result.Diagnostics));
        return stream.ToArray();
    }

    // The framework's reference set, plus the grain abstractions generated code is written against.
    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return trusted
            .Where(path => string.Equals(Path.GetDirectoryName(path), frameworkDirectory, StringComparison.Ordinal))
            .Append(typeof(MultiAgent.Runtime.IGrain).Assembly.Location)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }

    /// <summary>
    /// The test project gets the generator as an analyzer only (Directory.Build.targets), so its
    /// assembly is not in the test output; load it from the generator project's build output.
    /// </summary>
    private static Type LoadGeneratorType()
    {
        const string FileName = "MultiAgent.Runtime.CodeGen.dll";

        // Test output is <repo>/Tests/bin/<Configuration>/<tfm>/: prefer the generator built in the same configuration.
        var outputDirectory = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = outputDirectory.Parent?.Name ?? "Debug";
        for (var directory = outputDirectory; directory is not null; directory = directory.Parent)
        {
            var binDirectory = Path.Combine(directory.FullName, "Runtime.CodeGen", "bin");
            if (!Directory.Exists(binDirectory))
            {
                continue;
            }

            var candidates = Directory.GetFiles(binDirectory, FileName, SearchOption.AllDirectories);
            var path = candidates.FirstOrDefault(c => c.Contains(Path.DirectorySeparatorChar + configuration + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                ?? candidates.OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault();
            if (path is not null)
            {
                return Assembly.LoadFrom(path).GetType("MultiAgent.Runtime.CodeGen.GrainCodeGenerator", throwOnError: true)!;
            }
        }

        throw new InvalidOperationException($"{FileName} not found next to the test output; build Runtime.CodeGen first.");
    }
}

/// <summary>What one generator run produced.</summary>
internal sealed record GeneratorRun(Compilation Output, ImmutableArray<Diagnostic> GeneratorDiagnostics, GeneratorDriverRunResult Result)
{
    /// <summary>Errors and warnings of the compilation including the generated files; a consumer treats warnings as errors.</summary>
    public ImmutableArray<Diagnostic> CompilationProblems =>
        Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToImmutableArray();

    public IEnumerable<string> HintNames => Result.Results.SelectMany(r => r.GeneratedSources).Select(s => s.HintName);

    public string Generated(string hintName) =>
        Result.Results.SelectMany(r => r.GeneratedSources).Single(s => s.HintName == hintName).SourceText.ToString();

    public string AllGenerated => string.Join(
        Environment.NewLine, Result.Results.SelectMany(r => r.GeneratedSources).Select(s => s.SourceText.ToString()));
}
