using MultiAgent.Runtime;
using MultiAgent.Runtime.Invocation;
using MultiAgent.Runtime.Messaging.Serialization;

namespace MultiAgent.Tests.Messaging.Serialization;

/// <summary>One codec serves every connection of a silo: its caches and per-thread writers must not mix messages up.</summary>
public sealed class ConcurrencyTests
{
    [Fact]
    public async Task Many_threads_encoding_and_decoding_through_one_codec_get_their_own_messages_back()
    {
        var sender = new CodecHarness();
        var receiver = new CodecHarness();
        var frames = new List<(int A, string Text, byte[] Frame)>();
        for (var i = 0; i < 64; i++)
        {
            var text = new string((char)('a' + (i % 26)), i);
            var probe = sender.Grains.GetGrain<ICodecProbeGrain>($"probe-{i}");
            var request = sender.Runtime.Capture(() => probe.Describe(i, text, Guid.Empty, default, ProbeColor.Green, i, null, i));
            frames.Add((i, text, sender.Encode(WireMessage.ForRequest(i, new GrainId("codecprobe", $"probe-{i}"), request))));
        }

        var workers = Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            var grain = new CodecProbeRecorder();
            for (var round = 0; round < 500; round++)
            {
                var (a, text, frame) = frames[(round * 7 + worker) % frames.Count];
                var message = receiver.Decode(frame);
                Assert.Equal(a, message.Id);
                Assert.Equal($"probe-{a}", message.Target.Key);
                Assert.Equal($"{a}:{text}", await ((GrainRequest<string>)message.Request!).InvokeAsync(grain));

                var again = receiver.Decode(receiver.Encode(message));
                Assert.Equal(a, again.Id);
            }
        }));

        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromMinutes(1));
    }
}
