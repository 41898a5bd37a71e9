namespace MultiAgent.Runtime.CodeGen;

/// <summary>Names of pipeline steps, so tests can check that unrelated edits leave the models cached.</summary>
internal static class TrackingNames
{
    public const string Interfaces = "GrainInterfaces";
    public const string Classes = "GrainClasses";
    public const string RequestGroups = "RequestGroups";
}
