namespace MultiAgent.Runtime;

/// <summary>Lets requests to this grain class interleave at await points instead of running one at a time.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class ReentrantAttribute : Attribute;

/// <summary>Requests to this grain interface method may interleave with any other request, even on a non-reentrant grain.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AlwaysInterleaveAttribute : Attribute;

/// <summary>The caller does not wait for a response; the call completes once it is enqueued.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OneWayAttribute : Attribute;

/// <summary>Overrides the global response timeout for one grain interface method, e.g. <c>[ResponseTimeout("00:00:05")]</c>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ResponseTimeoutAttribute(string timeout) : Attribute
{
    public TimeSpan Timeout { get; } = TimeSpan.Parse(timeout, System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Names the grain type of a grain class (the first part of its <see cref="GrainId"/>). Defaults to the class name without a "Grain" suffix, lower-cased.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GrainTypeAttribute(string grainType) : Attribute
{
    public string GrainType { get; } = grainType;
}

/// <summary>How long an activation of this grain class may stay idle before it is collected, e.g. <c>[CollectionAgeLimit("00:05:00")]</c>.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class CollectionAgeLimitAttribute(string age) : Attribute
{
    public TimeSpan Age { get; } = TimeSpan.Parse(age, System.Globalization.CultureInfo.InvariantCulture);
}
