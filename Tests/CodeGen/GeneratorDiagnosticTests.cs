using Microsoft.CodeAnalysis;

namespace MultiAgent.Tests.CodeGen;

/// <summary>Unsupported grain code is reported as an error naming the interface and member, and gets no generated code.</summary>
public sealed class GeneratorDiagnosticTests
{
    private const string Usings = """
        using System;
        using System.Threading.Tasks;
        using MultiAgent.Runtime;

        namespace Sample;

        """;

    public static TheoryData<string, string, string, string?, string> Cases => new()
    {
        { "MAGEN001", "public interface IBad : IGrainWithStringKey { int Sync(); }", "Sample.IBad", "Sync", "Sync" },
        { "MAGEN001", "public interface IBad : IGrainWithStringKey { void Fire(); }", "Sample.IBad", "Fire", "Fire" },
        { "MAGEN002", "public interface IBad : IGrainWithStringKey { Task<int> Value { get; } }", "Sample.IBad", "Value", "Value" },
        { "MAGEN002", "public interface IBad : IGrainWithStringKey { Task<int> this[int i] { get; } }", "Sample.IBad", "indexer", "this" },
        { "MAGEN002", "public interface IBad : IGrainWithStringKey { event EventHandler Changed; }", "Sample.IBad", "Changed", "Changed" },
        { "MAGEN003", "public interface IBad : IGrainWithStringKey { Task<T> Get<T>(); }", "Sample.IBad", "Get", "Get" },
        { "MAGEN004", "public interface IBad : IGrainWithStringKey { Task Fill(ref int x); }", "Sample.IBad", "Fill", "Fill" },
        { "MAGEN004", "public interface IBad : IGrainWithStringKey { Task Fill(out int x); }", "Sample.IBad", "Fill", "Fill" },
        { "MAGEN004", "public interface IBad : IGrainWithStringKey { Task Fill(in int x); }", "Sample.IBad", "Fill", "Fill" },
        { "MAGEN005", "public interface IBad<T> : IGrainWithStringKey { Task<T> Get(); }", "Sample.IBad<T>", null, "IBad" },
        { "MAGEN006", "public interface IBad : IGrainWithStringKey { [OneWay] Task<int> Get(); }", "Sample.IBad", "Get", "Get" },
        { "MAGEN006", "public interface IBad : IGrainWithStringKey { [OneWay] ValueTask<int> Get(); }", "Sample.IBad", "Get", "Get" },
        { "MAGEN007", "public interface IBad : IGrainWithStringKey { [ResponseTimeout(\"soon\")] Task Get(); }", "Sample.IBad", "Get", "Get" },
        { "MAGEN007", "public interface IBad : IGrainWithStringKey { [ResponseTimeout(\"00:00:00\")] Task Get(); }", "Sample.IBad", "Get", "Get" },
        { "MAGEN007", "public interface IBad : IGrainWithStringKey { [ResponseTimeout(\"-00:00:01\")] Task Get(); }", "Sample.IBad", "Get", "Get" },
        { "MAGEN008", "public class Outer { private interface IBad : IGrainWithStringKey { Task Get(); } }", "Sample.Outer.IBad", null, "IBad" },
        {
            "MAGEN009",
            """
            public interface IOk : IGrainWithStringKey { Task Get(); }
            public class Outer
            {
                private sealed class BadGrain(IGrainContext context) : Grain(context), IOk { public Task Get() => Task.CompletedTask; }
            }
            """,
            "Sample.Outer.BadGrain",
            null,
            "BadGrain"
        },
        { "MAGEN010", "public interface IBad : IGrainWithStringKey { Task Take(Span<int> span); }", "Sample.IBad", "Take", "Take" },
        { "MAGEN011", "public interface IBad : IGrainWithStringKey { static abstract Task Create(); }", "Sample.IBad", "Create", "Create" },
        { "MAGEN011", "public interface IBad : IGrainWithStringKey { static abstract int Size { get; } }", "Sample.IBad", "Size", "Size" },

        // Inherited from an interface that is not a grain interface: reported at the grain interface.
        { "MAGEN001", "public interface IPlain { int Sync(); } public interface IBad : IGrainWithStringKey, IPlain { }", "Sample.IPlain", "Sync", "IBad" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Unsupported_grain_code_is_an_error(string id, string source, string typeName, string? memberName, string reportedAt)
    {
        var run = GeneratorHarness.Run(Usings + source);

        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        var message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"'{typeName}", message, StringComparison.Ordinal);
        if (memberName is not null)
        {
            Assert.Contains(memberName, message, StringComparison.Ordinal);
        }

        // Locations are kept as path and span (models hold no syntax trees), so check where they point.
        var tree = run.Output.SyntaxTrees.First();
        Assert.Equal(tree.FilePath, diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(reportedAt, tree.GetText().ToString(diagnostic.Location.SourceSpan));
        Assert.DoesNotContain(run.HintNames, hint => hint.StartsWith("Proxy_Sample_IBad", StringComparison.Ordinal));

        // Skipping the bad interface leaves no broken generated code behind.
        Assert.DoesNotContain(
            run.Output.GetDiagnostics(),
            d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void Problems_in_a_base_grain_interface_are_reported_once_and_block_derived_proxies()
    {
        var run = GeneratorHarness.Run(Usings + """
            public interface IBad : IGrainWithStringKey { int Sync(); }
            public interface IDerived : IBad { Task Ok(); }
            """);

        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("MAGEN001", diagnostic.Id);
        Assert.DoesNotContain(run.HintNames, hint => hint.StartsWith("Proxy_", StringComparison.Ordinal));
    }
}
