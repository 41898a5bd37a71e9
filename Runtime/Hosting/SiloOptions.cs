namespace MultiAgent.Runtime.Hosting;

/// <summary>Identity of the silo and its cluster. Section <c>MultiAgent:Silo</c>.</summary>
public sealed class SiloOptions
{
    /// <summary>Silos with the same cluster id form one cluster.</summary>
    public string ClusterId { get; set; } = "dev";

    /// <summary>Stable across deployments; storage keys are scoped by it.</summary>
    public string ServiceId { get; set; } = "multiagent";

    /// <summary>Defaults to the machine name and process id.</summary>
    public string SiloName { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";
}

/// <summary>Calls between grains. Section <c>MultiAgent:Messaging</c>.</summary>
public sealed class MessagingOptions
{
    /// <summary>Default deadline of a grain call; overridden per method by [ResponseTimeout] and per call by <see cref="GrainCallScope"/>.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often pending calls are checked against their deadlines (the lateness bound of a timeout).</summary>
    public TimeSpan ResponseTimeoutCheckInterval { get; set; } = TimeSpan.FromMilliseconds(50);
}

/// <summary>Collection of idle activations. Section <c>MultiAgent:GrainCollection</c>.</summary>
public sealed class GrainCollectionOptions
{
    /// <summary>An activation idle this long is deactivated; [CollectionAgeLimit] overrides it per grain class.</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often idle activations are looked for.</summary>
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long OnDeactivateAsync may run before the activation is discarded anyway.</summary>
    public TimeSpan DeactivationTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
