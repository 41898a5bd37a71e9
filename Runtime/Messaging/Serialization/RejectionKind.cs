namespace MultiAgent.Runtime.Messaging.Serialization;

/// <summary>Why a silo refused a call without running it; tells the caller whether and where to retry.</summary>
internal enum RejectionKind : byte
{
    /// <summary>Retry later, possibly on the same silo (stopping, overloaded, activation racing).</summary>
    Transient = 0,

    /// <summary>Retrying cannot help (unknown method, malformed message).</summary>
    Unrecoverable = 1,

    /// <summary>The silo does not own the grain: refresh the placement and retry elsewhere.</summary>
    NotOwner = 2,

    /// <summary>The deadline passed before the grain could run the call.</summary>
    Expired = 3,
}
