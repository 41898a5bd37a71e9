using System.Reflection;

namespace MultiAgent.Runtime.Metadata;

/// <summary>A grain class: its grain type name and the scheduling and lifetime settings read from its attributes.</summary>
internal sealed class GrainClassInfo
{
    public GrainClassInfo(Type grainClass)
    {
        GrainClass = grainClass;
        GrainType = grainClass.GetCustomAttribute<GrainTypeAttribute>()?.GrainType ?? DefaultGrainType(grainClass);
        IsReentrant = grainClass.GetCustomAttribute<ReentrantAttribute>(inherit: true) is not null;
        CollectionAgeLimit = grainClass.GetCustomAttribute<CollectionAgeLimitAttribute>(inherit: true)?.Age;
    }

    public Type GrainClass { get; }

    /// <summary>The first part of the grain ids of this class.</summary>
    public string GrainType { get; }

    public bool IsReentrant { get; }

    /// <summary>Overrides the silo's collection age for this class.</summary>
    public TimeSpan? CollectionAgeLimit { get; }

    /// <summary>Built on first activation: constructs the grain with its services and persistent states.</summary>
    public GrainConstructor? Constructor { get; set; }

    /// <summary>"CounterGrain" → "counter", as Orleans names grain types.</summary>
    public static string DefaultGrainType(Type grainClass)
    {
        var name = grainClass.Name;
        if (name.EndsWith("Grain", StringComparison.Ordinal) && name.Length > "Grain".Length)
        {
            name = name[..^"Grain".Length];
        }

        return name.ToLowerInvariant();
    }

    public override string ToString() => $"{GrainClass.FullName} ({GrainType})";
}

/// <summary>Creates a grain instance for an activation.</summary>
internal delegate object GrainConstructor(IServiceProvider services, Activation.ActivationData activation);
