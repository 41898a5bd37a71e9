using MultiAgent.Runtime;

namespace MultiAgent.Tests.Messaging.Serialization;

public sealed class PrimitiveCodecTests
{
    private readonly CodecHarness _side = new();

    [Fact]
    public void Integers_round_trip_at_their_edges()
    {
        AssertRoundTrips<bool>(false, true);
        AssertRoundTrips<byte>(0, 1, 127, 128, byte.MaxValue);
        AssertRoundTrips<sbyte>(sbyte.MinValue, -1, 0, 1, sbyte.MaxValue);
        AssertRoundTrips<short>(short.MinValue, -1, 0, 1, short.MaxValue);
        AssertRoundTrips<ushort>(0, 1, ushort.MaxValue);
        AssertRoundTrips(int.MinValue, -65, -64, -1, 0, 1, 63, 64, 300, int.MaxValue);
        AssertRoundTrips(0u, 1u, 127u, 128u, uint.MaxValue);
        AssertRoundTrips(long.MinValue, int.MinValue - 1L, -1L, 0L, 1L, int.MaxValue + 1L, long.MaxValue);
        AssertRoundTrips(0UL, 1UL, ulong.MaxValue - 1, ulong.MaxValue);
        AssertRoundTrips('\0', 'a', 'é', '\uFFFF');
    }

    [Fact]
    public void Small_integers_take_one_byte()
    {
        Assert.Single(_side.EncodeValue(0));
        Assert.Single(_side.EncodeValue(-64));
        Assert.Single(_side.EncodeValue(63));
        Assert.Single(_side.EncodeValue(5L));
        Assert.Equal(10, _side.EncodeValue(ulong.MaxValue).Length);
    }

    [Fact]
    public void Floating_point_values_round_trip_bit_for_bit()
    {
        foreach (var value in new[] { 0.0, -0.0, 1.5, double.Epsilon, double.MinValue, double.MaxValue, double.NaN, double.PositiveInfinity, double.NegativeInfinity })
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(_side.RoundTripValue(value)));
        }

        foreach (var value in new[] { 0f, -0f, 1.5f, float.Epsilon, float.MinValue, float.MaxValue, float.NaN, float.NegativeInfinity })
        {
            Assert.Equal(BitConverter.SingleToInt32Bits(value), BitConverter.SingleToInt32Bits(_side.RoundTripValue(value)));
        }
    }

    [Fact]
    public void Decimals_keep_their_precision_and_scale()
    {
        foreach (var value in new[] { 0m, -0m, 1.10m, 1.1m, -79228162514264337593543950335m, decimal.MaxValue, 0.0000000000000000000000000001m, 123456789.123456789m })
        {
            var read = _side.RoundTripValue(value);
            Assert.Equal(decimal.GetBits(value), decimal.GetBits(read));
            Assert.Equal(value.ToString(System.Globalization.CultureInfo.InvariantCulture), read.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Strings_round_trip_including_null_empty_long_and_non_ascii()
    {
        AssertRoundTrips<string?>(null, string.Empty, "a", new string('x', 42), new string('y', 43), "héllo wörld ✓ 🚚", new string('z', 100_000));
        Assert.Single(_side.EncodeValue<string?>(null));
        Assert.Single(_side.EncodeValue(string.Empty));
    }

    [Fact]
    public void A_string_of_42_multibyte_chars_fits_its_one_byte_length_prefix()
    {
        var text = new string('€', 42); // 3 UTF-8 bytes each: 126 bytes, prefix 127
        Assert.Equal(text, _side.RoundTripValue(text));
        Assert.Equal(127, _side.EncodeValue(text).Length);
    }

    [Fact]
    public void Byte_arrays_round_trip_including_null_and_empty()
    {
        Assert.Null(_side.RoundTripValue<byte[]?>(null));
        Assert.Empty(_side.RoundTripValue(Array.Empty<byte>())!);
        var bytes = Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray();
        Assert.Equal(bytes, _side.RoundTripValue(bytes));
    }

    [Fact]
    public void Guids_round_trip()
    {
        AssertRoundTrips(Guid.Empty, Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"), Guid.Parse("ffffffff-ffff-ffff-ffff-ffffffffffff"));
        Assert.Equal(16, _side.EncodeValue(Guid.NewGuid()).Length);
    }

    [Fact]
    public void Dates_and_times_round_trip_with_kind_and_offset()
    {
        foreach (var value in new[] { DateTime.MinValue, DateTime.MaxValue, new DateTime(2024, 2, 29, 13, 45, 10, 123, DateTimeKind.Utc), new DateTime(2024, 2, 29, 13, 45, 10, DateTimeKind.Local), new DateTime(638_000_000_000_000_001L, DateTimeKind.Unspecified) })
        {
            var read = _side.RoundTripValue(value);
            Assert.Equal(value.Ticks, read.Ticks);
            Assert.Equal(value.Kind, read.Kind);
        }

        foreach (var value in new[] { DateTimeOffset.MinValue, DateTimeOffset.MaxValue, new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.FromHours(5.5)).AddTicks(1), new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.FromHours(-14)), new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.FromHours(14)) })
        {
            var read = _side.RoundTripValue(value);
            Assert.True(value.EqualsExact(read), $"{value:O} came back as {read:O}");
        }

        AssertRoundTrips(TimeSpan.Zero, TimeSpan.MinValue, TimeSpan.MaxValue, TimeSpan.FromTicks(-1), TimeSpan.FromMilliseconds(1500));
        AssertRoundTrips(DateOnly.MinValue, DateOnly.MaxValue, new DateOnly(2024, 2, 29));
        AssertRoundTrips(TimeOnly.MinValue, TimeOnly.MaxValue, new TimeOnly(13, 45, 10, 123));
    }

    [Fact]
    public void Enums_travel_as_their_underlying_integer()
    {
        AssertRoundTrips(ProbeColor.Red, ProbeColor.Green, ProbeColor.Blue, (ProbeColor)(-5), (ProbeColor)int.MaxValue);
        AssertRoundTrips(ByteEnum.Zero, ByteEnum.Max);
        AssertRoundTrips(SignedByteEnum.Min, SignedByteEnum.Max);
        AssertRoundTrips(ULongEnum.Zero, ULongEnum.Max);
        AssertRoundTrips(LongEnum.Min, LongEnum.Max);
        AssertRoundTrips(DayOfWeek.Saturday, DayOfWeek.Sunday);
        Assert.Single(_side.EncodeValue(ProbeColor.Blue));
    }

    [Fact]
    public void Nullables_round_trip_with_and_without_a_value()
    {
        AssertRoundTrips<int?>(null, 0, -1, int.MaxValue);
        AssertRoundTrips<ProbeColor?>(null, ProbeColor.Blue);
        AssertRoundTrips<Guid?>(null, Guid.Empty);
        AssertRoundTrips<DateTimeOffset?>(null, new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.FromHours(2)));
        AssertRoundTrips<GrainId?>(null, new GrainId("probe", "k"));
    }

    [Fact]
    public void Grain_ids_round_trip_including_the_empty_id()
    {
        AssertRoundTrips(default, new GrainId("codecprobe", "a"), new GrainId("peer", GrainId.FormatKey(Guid.NewGuid())), new GrainId("t", "ключ/with/slashes"));
        Assert.True(_side.RoundTripValue(default(GrainId)).IsDefault);
    }

    [Fact]
    public void A_cancellation_token_is_not_sent()
    {
        using var source = new CancellationTokenSource();
        Assert.Empty(_side.EncodeValue(source.Token));
        Assert.Equal(CancellationToken.None, _side.DecodeValue<CancellationToken>([]));
    }

    private void AssertRoundTrips<T>(params T[] values)
    {
        foreach (var value in values)
        {
            Assert.Equal(value, _side.RoundTripValue(value));
        }
    }

    private enum ByteEnum : byte
    {
        Zero = 0,
        Max = byte.MaxValue,
    }

    private enum SignedByteEnum : sbyte
    {
        Min = sbyte.MinValue,
        Max = sbyte.MaxValue,
    }

    private enum ULongEnum : ulong
    {
        Zero = 0,
        Max = ulong.MaxValue,
    }

    private enum LongEnum : long
    {
        Min = long.MinValue,
        Max = long.MaxValue,
    }
}
