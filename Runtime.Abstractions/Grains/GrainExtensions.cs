using MultiAgent.Runtime.Invocation;

namespace MultiAgent.Runtime;

/// <summary>Key and identity accessors that work on a grain and on a reference alike.</summary>
public static class GrainExtensions
{
    public static GrainId GetGrainId(this IAddressable addressable) => addressable switch
    {
        Grain grain => grain.GrainId,
        GrainReference reference => reference.GrainId,
        null => throw new ArgumentNullException(nameof(addressable)),
        _ => throw new ArgumentException($"{addressable.GetType()} is neither a grain nor a grain reference.", nameof(addressable)),
    };

    public static string GetPrimaryKeyString(this IAddressable addressable) => addressable.GetGrainId().Key;

    public static Guid GetPrimaryKey(this IAddressable addressable) => addressable.GetGrainId().GetGuidKey();

    public static long GetPrimaryKeyLong(this IAddressable addressable) => addressable.GetGrainId().GetIntegerKey();

    /// <summary>A reference of interface <typeparamref name="TGrainInterface"/> to this grain, to pass to others.</summary>
    public static TGrainInterface AsReference<TGrainInterface>(this IAddressable addressable) where TGrainInterface : IAddressable => addressable switch
    {
        TGrainInterface typed when addressable is GrainReference => typed,
        Grain grain => grain.GrainContext.GrainFactory.GetGrain<TGrainInterface>(grain.GrainId),
        GrainReference reference => reference.Runtime.GrainFactory.GetGrain<TGrainInterface>(reference.GrainId),
        null => throw new ArgumentNullException(nameof(addressable)),
        _ => throw new ArgumentException($"{addressable.GetType()} is neither a grain nor a grain reference.", nameof(addressable)),
    };
}
