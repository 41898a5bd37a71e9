namespace MultiAgent.Tests.Storage;

public enum Mood
{
    Calm,
    Busy,
}

/// <summary>A state with a property, a public field, a list and an enum, as grains typically have.</summary>
public sealed class ProfileState
{
    public int Visits;

    public string Name { get; set; } = string.Empty;

    public List<string> Tags { get; set; } = [];

    public Mood Mood { get; set; }
}

/// <summary>A state type the runtime cannot create on its own.</summary>
public sealed record PositionalState(string Value);
