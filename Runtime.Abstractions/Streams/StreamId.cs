namespace MultiAgent.Runtime.Streams;

/// <summary>A stream: a namespace (e.g. <c>orders</c>, mapped to a topic) and a key within it (e.g. a warehouse id).</summary>
public readonly record struct StreamId
{
    public StreamId(string @namespace, string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(@namespace);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        Namespace = @namespace;
        Key = key;
    }

    public string Namespace { get; }

    public string Key { get; }

    public static StreamId Create(string @namespace, string key) => new(@namespace, key);

    public static StreamId Create(string @namespace, Guid key) => new(@namespace, GrainId.FormatKey(key));

    public static StreamId Create(string @namespace, long key) => new(@namespace, GrainId.FormatKey(key));

    public override string ToString() => $"{Namespace}/{Key}";
}
