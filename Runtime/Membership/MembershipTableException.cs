namespace MultiAgent.Runtime.Membership;

/// <summary>The membership table could not be read or written (store unreachable, failed command). A refused conditional write is not an error: it returns false.</summary>
public sealed class MembershipTableException(string message, Exception? innerException = null) : Exception(message, innerException);
