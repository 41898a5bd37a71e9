using System.Text;
using MultiAgent.Runtime.Storage;

namespace MultiAgent.Tests.Storage;

public sealed class JsonGrainStateSerializerTests
{
    private readonly JsonGrainStateSerializer _serializer = new();

    [Fact]
    public void Fields_and_enums_as_names_round_trip()
    {
        var bytes = _serializer.Serialize(new ProfileState { Visits = 7, Mood = Mood.Busy });
        var json = Encoding.UTF8.GetString(bytes);

        var back = _serializer.Deserialize<ProfileState>(bytes);

        Assert.Contains("\"Visits\":7", json, StringComparison.Ordinal);
        Assert.Contains("\"Busy\"", json, StringComparison.Ordinal);
        Assert.Equal(7, back.Visits);
        Assert.Equal(Mood.Busy, back.Mood);
    }

    [Fact]
    public void Property_names_are_read_case_insensitively()
    {
        var back = _serializer.Deserialize<ProfileState>("{\"name\":\"Ada\",\"mood\":\"busy\",\"visits\":2}"u8);

        Assert.Equal("Ada", back.Name);
        Assert.Equal(Mood.Busy, back.Mood);
        Assert.Equal(2, back.Visits);
    }
}
