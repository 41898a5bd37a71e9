namespace MultiAgent.Runtime;

public enum DeactivationReasonCode
{
    None,
    ApplicationRequested,
    ActivationIdle,
    ShuttingDown,
    ActivationFailed,
    RuntimeRequested,

    /// <summary>A storage write found newer state than this activation held: another activation (or a previous life) wrote it.</summary>
    InconsistentState,
}

/// <summary>Why an activation is being deactivated; passed to <see cref="Grain.OnDeactivateAsync"/>.</summary>
public readonly record struct DeactivationReason(DeactivationReasonCode ReasonCode, string Description)
{
    public override string ToString() => $"{ReasonCode}: {Description}";
}
