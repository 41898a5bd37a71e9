using System.Buffers;

namespace MultiAgent.Tests.Infrastructure;

/// <summary>Builds multi-segment sequences, as a pipe hands over a frame that crosses buffer boundaries.</summary>
internal static class Segments
{
    /// <summary>Segments of <paramref name="segmentLength"/> bytes (the last may be shorter).</summary>
    public static ReadOnlySequence<byte> Split(byte[] bytes, int segmentLength)
    {
        var splitAt = new List<int>();
        for (var offset = segmentLength; offset < bytes.Length; offset += segmentLength)
        {
            splitAt.Add(offset);
        }

        return SplitAt(bytes, [.. splitAt]);
    }

    /// <summary>Segments that end at the given offsets (ascending, inside the array).</summary>
    public static ReadOnlySequence<byte> SplitAt(byte[] bytes, int[] splitAt)
    {
        var bounds = splitAt.Prepend(0).Append(bytes.Length).ToArray();
        Segment? first = null;
        Segment? last = null;
        for (var i = 0; i + 1 < bounds.Length; i++)
        {
            var memory = bytes.AsMemory(bounds[i], bounds[i + 1] - bounds[i]);
            last = last is null ? first = new Segment(memory, 0) : last.Append(memory);
        }

        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
