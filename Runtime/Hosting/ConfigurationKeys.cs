namespace MultiAgent.Runtime.Hosting;

/// <summary>
/// Configuration sections. Keys are case-insensitive; from the environment use
/// <c>MULTIAGENT__SECTION__KEY</c> (e.g. <c>MULTIAGENT__STORAGE__DEFAULT__CONNECTIONSTRING</c>).
/// </summary>
public static class ConfigurationKeys
{
    public const string Root = "MultiAgent";
    public const string Silo = Root + ":Silo";
    public const string Messaging = Root + ":Messaging";
    public const string GrainCollection = Root + ":GrainCollection";

    /// <summary>Section of the named storage provider: <c>MultiAgent:Storage:{name}</c>.</summary>
    public static string Storage(string providerName) => $"{Root}:Storage:{providerName}";
}
