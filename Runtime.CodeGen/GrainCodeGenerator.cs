using System;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using MultiAgent.Runtime.CodeGen.Analysis;
using MultiAgent.Runtime.CodeGen.Emit;
using MultiAgent.Runtime.CodeGen.Model;

namespace MultiAgent.Runtime.CodeGen;

/// <summary>
/// Generates, for each grain interface, a proxy and one request class per method, and for the
/// assembly a manifest that registers them and the grain classes, so grain calls need no reflection.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class GrainCodeGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // Only declarations with a base list can extend IGrain or derive from Grain.
        var interfaces = context.SyntaxProvider
            .CreateSyntaxProvider(
                static (node, _) => node is InterfaceDeclarationSyntax { BaseList: not null },
                InterfaceAnalyzer.Analyze)
            .Where(static model => model is not null)
            .Select(static (model, _) => model!)
            .WithTrackingName(TrackingNames.Interfaces);

        var classes = context.SyntaxProvider
            .CreateSyntaxProvider(
                static (node, _) => node is ClassDeclarationSyntax { BaseList: not null } or RecordDeclarationSyntax { BaseList: not null },
                ClassAnalyzer.Analyze)
            .Where(static model => model is not null)
            .Select(static (model, _) => model!)
            .WithTrackingName(TrackingNames.Classes);

        var generatedNamespace = context.CompilationProvider
            .Select(static (compilation, _) => Naming.GeneratedNamespace(compilation.AssemblyName));

        context.RegisterSourceOutput(interfaces, static (spc, model) => Report(spc, model.Diagnostics));
        context.RegisterSourceOutput(classes, static (spc, model) => Report(spc, model.Diagnostics));

        var validInterfaces = interfaces.Where(static model => model.CanGenerate);
        var validClasses = classes.Where(static model => model.CanRegister);

        context.RegisterSourceOutput(
            validInterfaces.Combine(generatedNamespace),
            static (spc, pair) => spc.AddSource(
                pair.Left.ProxyClassName + ".g.cs",
                SourceText.From(ProxyEmitter.Emit(pair.Left, pair.Right), Encoding.UTF8)));

        var allInterfaces = validInterfaces.Collect();

        var requestGroups = allInterfaces.SelectMany(static (models, _) => RequestGrouping.Group(models))
            .WithTrackingName(TrackingNames.RequestGroups);
        context.RegisterSourceOutput(
            requestGroups.Combine(generatedNamespace),
            static (spc, pair) => spc.AddSource(
                "Requests_" + pair.Left.InterfaceKey + ".g.cs",
                SourceText.From(RequestEmitter.Emit(pair.Left, pair.Right), Encoding.UTF8)));

        context.RegisterSourceOutput(
            allInterfaces.Combine(validClasses.Collect()).Combine(generatedNamespace),
            static (spc, input) => EmitManifest(spc, input.Left.Left, input.Left.Right, input.Right));
    }

    private static void EmitManifest(
        SourceProductionContext context,
        ImmutableArray<GrainInterfaceModel> interfaces,
        ImmutableArray<GrainClassModel> classes,
        string generatedNamespace)
    {
        if (interfaces.IsEmpty && classes.IsEmpty)
        {
            return;
        }

        // Sorted so the manifest does not change when files are reordered.
        var sortedInterfaces = interfaces.OrderBy(static i => i.DisplayName, StringComparer.Ordinal).ToArray();
        var sortedClasses = classes.OrderBy(static c => c.DisplayName, StringComparer.Ordinal).ToArray();
        context.AddSource(
            ManifestEmitter.ClassName + ".g.cs",
            SourceText.From(ManifestEmitter.Emit(sortedInterfaces, sortedClasses, generatedNamespace), Encoding.UTF8));
    }

    private static void Report(SourceProductionContext context, EquatableArray<DiagnosticInfo> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            context.ReportDiagnostic(diagnostic.ToDiagnostic());
        }
    }
}
