namespace MultiAgent.Runtime.Messaging.Serialization;

/// <summary>Ticks and <see cref="DateTimeKind"/> in one fixed 64-bit word (ticks need 62 bits), so Local/Utc/Unspecified survive.</summary>
internal sealed class DateTimeCodec : ICodec<DateTime>
{
    private const int KindShift = 62;
    private const ulong TicksMask = (1UL << KindShift) - 1;

    public void Write(ArgumentWriter writer, DateTime value) =>
        writer.WriteFixed64((ulong)value.Ticks | ((ulong)value.Kind << KindShift));

    public DateTime Read(ArgumentReader reader)
    {
        var raw = reader.ReadFixed64();
        var ticks = (long)(raw & TicksMask);
        var kind = (DateTimeKind)(raw >> KindShift);
        if (ticks > DateTime.MaxValue.Ticks || kind > DateTimeKind.Local)
        {
            reader.ThrowFormat($"A DateTime ending at offset {reader.Offset} is out of range (ticks {ticks}, kind {(int)kind}).");
        }

        return new DateTime(ticks, kind);
    }
}

/// <summary>Clock ticks (fixed 64-bit) and the offset in minutes (zigzag varint): the same instant and the same offset.</summary>
internal sealed class DateTimeOffsetCodec : ICodec<DateTimeOffset>
{
    private const long MaxOffsetMinutes = 14 * 60;

    public void Write(ArgumentWriter writer, DateTimeOffset value)
    {
        writer.WriteFixed64((ulong)value.Ticks);
        writer.WriteVarInt64(value.TotalOffsetMinutes);
    }

    public DateTimeOffset Read(ArgumentReader reader)
    {
        var ticks = (long)reader.ReadFixed64();
        var minutes = reader.ReadVarInt64(-MaxOffsetMinutes, MaxOffsetMinutes, "A DateTimeOffset offset (minutes)");
        var utcTicks = ticks - (minutes * TimeSpan.TicksPerMinute);
        if (ticks < 0 || ticks > DateTime.MaxValue.Ticks || utcTicks < 0 || utcTicks > DateTime.MaxValue.Ticks)
        {
            reader.ThrowFormat($"A DateTimeOffset ending at offset {reader.Offset} is out of range (ticks {ticks}, offset {minutes} min).");
        }

        return new DateTimeOffset(ticks, TimeSpan.FromMinutes(minutes));
    }
}

internal sealed class TimeSpanCodec : ICodec<TimeSpan>
{
    public void Write(ArgumentWriter writer, TimeSpan value) => writer.WriteVarInt64(value.Ticks);

    public TimeSpan Read(ArgumentReader reader) => new(reader.ReadVarInt64());
}

internal sealed class DateOnlyCodec : ICodec<DateOnly>
{
    public void Write(ArgumentWriter writer, DateOnly value) => writer.WriteVarUInt64((ulong)value.DayNumber);

    public DateOnly Read(ArgumentReader reader) =>
        DateOnly.FromDayNumber((int)reader.ReadVarUInt64((ulong)DateOnly.MaxValue.DayNumber, "A DateOnly day number"));
}

internal sealed class TimeOnlyCodec : ICodec<TimeOnly>
{
    public void Write(ArgumentWriter writer, TimeOnly value) => writer.WriteVarUInt64((ulong)value.Ticks);

    public TimeOnly Read(ArgumentReader reader) =>
        new((long)reader.ReadVarUInt64((ulong)TimeOnly.MaxValue.Ticks, "A TimeOnly"));
}
