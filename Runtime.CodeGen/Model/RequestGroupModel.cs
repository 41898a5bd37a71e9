namespace MultiAgent.Runtime.CodeGen.Model;

/// <summary>
/// The request classes of one declaring interface. Several grain interfaces may inherit the same
/// base, so requests are grouped by declaring interface to emit each class exactly once.
/// </summary>
internal sealed record RequestGroupModel(string InterfaceKey, EquatableArray<GrainMethodModel> Methods);
