namespace MultiAgent.Runtime.CodeGen.Model;

/// <summary>One proxied grain method: enough to emit its request class, its proxy member and its descriptor.</summary>
/// <param name="InterfaceTypeName">The declaring interface, fully qualified: inherited methods belong to their base.</param>
/// <param name="InterfaceKey">The declaring interface mangled into an identifier; groups request classes into files.</param>
/// <param name="Name">The method name as declared (descriptor and messages).</param>
/// <param name="MethodId">Name and parameter types, stable across compilations.</param>
/// <param name="RequestClassName">Unique per declaring interface and method within the generated namespace.</param>
/// <param name="Index">Position among the declaring interface's methods; orders request classes.</param>
/// <param name="ResultTypeName">The awaited type for code, <c>VoidResult</c> for Task and ValueTask.</param>
/// <param name="ResultTypeOfName">The awaited type as <c>typeof</c> accepts it (no nullable reference annotations).</param>
/// <param name="ResponseTimeout">The [ResponseTimeout] text, already validated, or null.</param>
internal sealed record GrainMethodModel(
    string InterfaceTypeName,
    string InterfaceKey,
    string Name,
    string MethodId,
    string RequestClassName,
    int Index,
    ReturnKind ReturnKind,
    string ReturnTypeName,
    string ResultTypeName,
    string ResultTypeOfName,
    bool AlwaysInterleave,
    bool OneWay,
    string? ResponseTimeout,
    EquatableArray<ParameterModel> Parameters)
{
    /// <summary>The name as a C# identifier (escaped when it is a keyword).</summary>
    public string EscapedName => Naming.EscapeIdentifier(Name);
}
