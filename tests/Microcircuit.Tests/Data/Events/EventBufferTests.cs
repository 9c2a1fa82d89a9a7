using Microcircuit.Data.Events;
using Xunit;

namespace Microcircuit.Tests.Data.Events;

public sealed class EventBufferTests
{
    /// <summary>Events numbered e = 0, 1, … across the samples, sample s holding counts[s] of them; event e is at time e mod 7 on channel e mod 5.</summary>
    private static EventBuffer Fill(long capacity, params int[] counts)
    {
        var buffer = new EventBuffer(capacity);
        long e = 0;
        for (int s = 0; s < counts.Length; s++)
        {
            for (int i = 0; i < counts[s]; i++, e++) buffer.Add(e % 7, (int)(e % 5));
            buffer.EndSample((byte)s);
        }

        return buffer;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1_500_002)]
    [InlineData(1_500_003)]
    [InlineData(2_000_000)]
    [InlineData(10)]
    public void KeepsEveryEventAcrossChunksWhateverTheCapacityGiven(long capacity)
    {
        // 1.5 million events cross the million-event chunks; a sample straddles the boundary.
        EventBuffer buffer = Fill(capacity, 1_000_000 - 1, 3, 500_000, 0);

        EventStreams streams = buffer.ToStreams(5, buffer.MaxTime + 1, "the test split");

        Assert.Equal(1_500_002, streams.EventCount);
        Assert.Equal(4, streams.Count);
        Assert.Equal([999_999L, 3, 500_000, 0], Enumerable.Range(0, 4).Select(streams.EventsOf));
        Assert.Equal(6, buffer.MaxTime);
        Assert.Equal([0, 1, 2, 3], buffer.Labels());
        // The straddling sample: events 999 999, 1 000 000 and 1 000 001, at times 0, 1, 2 (mod 7) on channels 4, 0, 1 (mod 5).
        var frames = new float[7 * 5];
        streams.InFrames(7).CopyFrames(1, frames);
        Assert.Equal([0 * 5 + 4, 1 * 5 + 0, 2 * 5 + 1], Enumerable.Range(0, frames.Length).Where(i => frames[i] == 1f));
    }

    [Fact]
    public void EmptyBufferMakesNoStreams()
    {
        var buffer = new EventBuffer();

        EventStreams streams = buffer.ToStreams(3, 1, "nothing");

        Assert.Equal(0, streams.Count);
        Assert.Equal(-1, buffer.MaxTime);
    }
}
