namespace MultiAgent.Runtime.Invocation;

/// <summary>Sends grain requests on behalf of references: the silo's or the cluster client's runtime.</summary>
public interface IGrainReferenceRuntime
{
    IGrainFactory GrainFactory { get; }

    ValueTask<TResult> InvokeAsync<TResult>(GrainReference target, GrainRequest<TResult> request);
}

/// <summary>
/// Base class of generated grain proxies: a grain id bound to the runtime that delivers its calls.
/// Two references are equal when they name the same grain through the same interface.
/// </summary>
public abstract class GrainReference : IAddressable, IEquatable<GrainReference>
{
    protected GrainReference(IGrainReferenceRuntime runtime, GrainId grainId)
    {
        Runtime = runtime ?? throw new ArgumentNullException(nameof(runtime));
        GrainId = grainId;
    }

    public GrainId GrainId { get; }

    public IGrainReferenceRuntime Runtime { get; }

    /// <summary>The grain interface this reference implements.</summary>
    public abstract Type InterfaceType { get; }

    protected ValueTask<TResult> InvokeAsync<TResult>(GrainRequest<TResult> request) => Runtime.InvokeAsync(this, request);

    /// <summary>For generated <c>ValueTask</c>-returning proxy methods.</summary>
    protected static ValueTask ToValueTask(ValueTask<VoidResult> result) =>
        result.IsCompletedSuccessfully ? default : new ValueTask(result.AsTask());

    public bool Equals(GrainReference? other) =>
        other is not null && GrainId.Equals(other.GrainId) && InterfaceType == other.InterfaceType;

    public override bool Equals(object? obj) => obj is GrainReference other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(GrainId, InterfaceType);

    public override string ToString() => $"{InterfaceType.Name}:{GrainId}";
}
