using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using MultiAgent.Runtime.CodeGen.Model;

namespace MultiAgent.Runtime.CodeGen.Analysis;

/// <summary>Validates one grain interface method and describes it for the emitters.</summary>
internal static class MethodAnalyzer
{
    private const string VoidResult = "global::MultiAgent.Runtime.Invocation.VoidResult";

    /// <summary>
    /// Returns the method's model, or null when it is unsupported. Problems go to
    /// <paramref name="diagnostics"/> at <paramref name="location"/>; a null list means another
    /// analysis reports them and this one only needs to know the method is unusable.
    /// </summary>
    public static GrainMethodModel? Analyze(
        IMethodSymbol method,
        INamedTypeSymbol declaring,
        int index,
        List<DiagnosticInfo>? diagnostics,
        Location? location)
    {
        var interfaceName = declaring.ToDisplayString();
        var valid = true;

        void Report(DiagnosticDescriptor descriptor, params string[] extra)
        {
            valid = false;
            diagnostics?.Add(DiagnosticInfo.Create(descriptor, location, new[] { interfaceName, method.Name }.Concat(extra).ToArray()));
        }

        if (method.IsGenericMethod)
        {
            Report(Diagnostics.GenericMethod);
        }

        var returnKind = KnownTypes.GetReturnKind(method.ReturnType);
        if (returnKind is null)
        {
            Report(Diagnostics.InvalidReturnType, method.ReturnType.ToDisplayString());
        }

        foreach (var parameter in method.Parameters)
        {
            if (parameter.RefKind != RefKind.None)
            {
                Report(Diagnostics.ByRefParameter, parameter.Name, RefKindText(parameter.RefKind));
            }
            else if (parameter.Type.IsRefLikeType || parameter.Type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer)
            {
                Report(Diagnostics.UnsupportedParameterType, parameter.Name, parameter.Type.ToDisplayString());
            }
        }

        var attributes = method.GetAttributes();
        var alwaysInterleave = attributes.Any(static a => KnownTypes.IsRuntimeAttribute(a, "AlwaysInterleaveAttribute"));
        var oneWay = attributes.Any(static a => KnownTypes.IsRuntimeAttribute(a, "OneWayAttribute"));
        if (oneWay && returnKind is ReturnKind.TaskOfT or ReturnKind.ValueTaskOfT)
        {
            Report(Diagnostics.OneWayWithResult, method.ReturnType.ToDisplayString());
        }

        var timeout = ReadResponseTimeout(attributes, out var timeoutValid);
        if (!timeoutValid)
        {
            Report(Diagnostics.InvalidResponseTimeout, timeout ?? "null");
        }

        if (!valid || returnKind is null)
        {
            return null;
        }

        var interfaceKey = Naming.Mangle(declaring.ToDisplayString(TypeFormats.Id));
        var resultType = returnKind is ReturnKind.TaskOfT or ReturnKind.ValueTaskOfT
            ? ((INamedTypeSymbol)method.ReturnType).TypeArguments[0]
            : null;

        return new GrainMethodModel(
            InterfaceTypeName: declaring.ToDisplayString(TypeFormats.Code),
            InterfaceKey: interfaceKey,
            Name: method.Name,
            MethodId: MethodId(method),
            RequestClassName: Naming.RequestClassName(interfaceKey, method.Name, index),
            Index: index,
            ReturnKind: returnKind.Value,
            ReturnTypeName: method.ReturnType.ToDisplayString(TypeFormats.Code),
            ResultTypeName: resultType?.ToDisplayString(TypeFormats.Code) ?? VoidResult,
            ResultTypeOfName: resultType?.ToDisplayString(TypeFormats.TypeOf) ?? VoidResult,
            AlwaysInterleave: alwaysInterleave,
            OneWay: oneWay,
            ResponseTimeout: timeout,
            Parameters: method.Parameters.Select(ToModel).ToEquatableArray());
    }

    /// <summary><c>Ping(System.Int32)</c>: identifies the method on the wire, so it must not depend on the compilation.</summary>
    private static string MethodId(IMethodSymbol method) =>
        method.Name + "(" + string.Join(",", method.Parameters.Select(static p => p.Type.ToDisplayString(TypeFormats.Id))) + ")";

    private static ParameterModel ToModel(IParameterSymbol parameter)
    {
        var attributes = parameter.GetAttributes();
        return new ParameterModel(
            Name: Naming.EscapeIdentifier(parameter.Name),
            TypeName: parameter.Type.ToDisplayString(TypeFormats.Code),
            IsValueType: parameter.Type.IsValueType,
            AllowNull: attributes.Any(static a => KnownTypes.IsCodeAnalysisAttribute(a, "AllowNullAttribute")),
            DisallowNull: attributes.Any(static a => KnownTypes.IsCodeAnalysisAttribute(a, "DisallowNullAttribute")));
    }

    /// <summary>The [ResponseTimeout] text, or null without the attribute; <paramref name="valid"/> is false unless it parses to a positive span.</summary>
    private static string? ReadResponseTimeout(IEnumerable<AttributeData> attributes, out bool valid)
    {
        valid = true;
        var attribute = attributes.FirstOrDefault(static a => KnownTypes.IsRuntimeAttribute(a, "ResponseTimeoutAttribute"));
        if (attribute is null || attribute.ConstructorArguments.Length != 1)
        {
            // A malformed attribute is already a compiler error.
            return null;
        }

        var text = attribute.ConstructorArguments[0].Value as string;
        valid = text is not null
            && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var timeout)
            && timeout > TimeSpan.Zero;
        return text;
    }

    private static string RefKindText(RefKind kind) => kind switch
    {
        RefKind.Out => "out",
        RefKind.In => "in",
        RefKind.RefReadOnlyParameter => "ref readonly",
        _ => "ref",
    };
}
