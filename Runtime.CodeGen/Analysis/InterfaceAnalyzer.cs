using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using MultiAgent.Runtime.CodeGen.Model;

namespace MultiAgent.Runtime.CodeGen.Analysis;

/// <summary>Turns a grain interface declaration into a model of every method its proxy must implement.</summary>
internal static class InterfaceAnalyzer
{
    public static GrainInterfaceModel? Analyze(GeneratorSyntaxContext context, CancellationToken cancellationToken)
    {
        var node = (InterfaceDeclarationSyntax)context.Node;
        if (context.SemanticModel.GetDeclaredSymbol(node, cancellationToken) is not INamedTypeSymbol type
            || !KnownTypes.IsGrainInterface(type)
            || !SymbolChecks.IsPrimaryDeclaration(type, node, cancellationToken))
        {
            return null;
        }

        var compilation = context.SemanticModel.Compilation;
        var typeLocation = node.Identifier.GetLocation();
        var diagnostics = new List<DiagnosticInfo>();
        var methods = new List<GrainMethodModel>();
        var canGenerate = true;

        if (SymbolChecks.IsGenericOrNestedInGeneric(type))
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.GenericInterface, typeLocation, type.ToDisplayString()));
            canGenerate = false;
        }

        if (!SymbolChecks.IsVisibleToAssembly(type))
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.InaccessibleInterface, typeLocation, type.ToDisplayString()));
            canGenerate = false;
        }

        foreach (var declaring in new[] { type }.Concat(type.AllInterfaces))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (KnownTypes.IsMarkerInterface(declaring))
            {
                continue;
            }

            var own = SymbolEqualityComparer.Default.Equals(declaring, type);

            // A base grain interface of this compilation reports its own members; any other base
            // (another assembly, or a plain interface) is reported here, at the inheriting interface.
            var reportedElsewhere = !own && KnownTypes.IsGrainInterface(declaring) && SymbolChecks.IsDeclaredIn(declaring, compilation);
            var sink = reportedElsewhere ? null : diagnostics;

            var index = 0;
            foreach (var member in declaring.GetMembers())
            {
                var location = own ? member.Locations.FirstOrDefault() : typeLocation;
                switch (member)
                {
                    case IMethodSymbol { MethodKind: MethodKind.Ordinary, IsStatic: false, IsAbstract: true } method:
                        var model = MethodAnalyzer.Analyze(method, declaring, index++, sink, location);
                        if (model is null)
                        {
                            canGenerate = false;
                        }
                        else
                        {
                            methods.Add(model);
                        }

                        break;

                    case IPropertySymbol { IsStatic: false, IsAbstract: true } property:
                        sink?.Add(DiagnosticInfo.Create(
                            Diagnostics.PropertyOrEvent, location, declaring.ToDisplayString(), property.IsIndexer ? "indexer" : "property", property.Name));
                        canGenerate = false;
                        break;

                    // Static members with a body need nothing from the proxy; static abstract ones cannot be proxied.
                    case { IsStatic: true, IsAbstract: true } and (IPropertySymbol or IEventSymbol or IMethodSymbol { AssociatedSymbol: null }):
                        sink?.Add(DiagnosticInfo.Create(Diagnostics.StaticAbstractMember, location, declaring.ToDisplayString(), member.Name));
                        canGenerate = false;
                        break;

                    case IEventSymbol { IsStatic: false, IsAbstract: true } @event:
                        sink?.Add(DiagnosticInfo.Create(Diagnostics.PropertyOrEvent, location, declaring.ToDisplayString(), "event", @event.Name));
                        canGenerate = false;
                        break;
                }
            }
        }

        var displayName = type.ToDisplayString(TypeFormats.Id);
        return new GrainInterfaceModel(
            DisplayName: displayName,
            TypeName: type.ToDisplayString(TypeFormats.Code),
            ProxyClassName: Naming.ProxyClassName(displayName),
            CanGenerate: canGenerate,
            Methods: methods.ToEquatableArray(),
            Diagnostics: diagnostics.ToEquatableArray());
    }
}
