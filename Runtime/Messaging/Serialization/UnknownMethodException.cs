namespace MultiAgent.Runtime.Messaging.Serialization;

/// <summary>A message names a grain interface or method this process has no generated code for.</summary>
internal sealed class UnknownMethodException : MessageFormatException
{
    public UnknownMethodException(string interfaceName, string methodId)
        : base($"Unknown grain method {interfaceName}.{methodId}: no grain interface '{interfaceName}' with method '{methodId}' is registered here " +
               "(is the assembly declaring it loaded, and do both sides run the same interface version?).")
    {
        InterfaceName = interfaceName;
        MethodId = methodId;
    }
}
