namespace MultiAgent.Runtime.CodeGen.Model;

/// <summary>One grain method parameter, with what the proxy signature and the request field need.</summary>
/// <param name="Name">Declared name, escaped with @ when it is a keyword.</param>
/// <param name="TypeName">Fully qualified, with nullable annotations.</param>
/// <param name="IsValueType">Value types need no <c>= default!</c> initializer on the request field.</param>
/// <param name="AllowNull">[AllowNull] on the interface parameter; repeated so nullable analysis matches.</param>
/// <param name="DisallowNull">[DisallowNull] on the interface parameter; repeated for the same reason.</param>
internal sealed record ParameterModel(string Name, string TypeName, bool IsValueType, bool AllowNull, bool DisallowNull);
