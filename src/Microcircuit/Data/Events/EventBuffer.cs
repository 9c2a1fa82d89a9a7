using Microcircuit.Errors;

namespace Microcircuit.Data.Events;

/// <summary>
/// Gathers the events and labels of one split while its files are read, sample after sample. Events go into chunks
/// that are never copied as the store grows, so a split of hundreds of millions of events needs at most its chunks and
/// its final arrays, never the tripled peak of a doubling list; <see cref="ToStreams"/> copies them once into the
/// exact-length arrays <see cref="EventStreams"/> holds. A reader that knows the count beforehand gives it as the
/// capacity: the first chunk then holds every event and becomes the final array without a copy.
/// </summary>
internal sealed class EventBuffer
{
    private const int ChunkSize = 1 << 20;

    private readonly List<long[]> _timeChunks = [];
    private readonly List<int[]> _channelChunks = [];
    private readonly List<long> _start = [0];
    private readonly List<byte> _labels = [];
    private long[] _time = [];
    private int[] _channel = [];
    private int _slot;

    /// <param name="capacity">The events expected, when known; more may still be added.</param>
    public EventBuffer(long capacity = 0)
    {
        if (capacity > 0) NewChunk((int)Math.Min(capacity, Array.MaxLength));
    }

    /// <summary>Events added so far.</summary>
    public long EventCount { get; private set; }

    /// <summary>Samples ended so far.</summary>
    public int Count => _labels.Count;

    /// <summary>The largest event time added so far; −1 before the first event.</summary>
    public long MaxTime { get; private set; } = -1;

    /// <summary>Adds an event to the sample being read; <paramref name="time"/> is in ticks from its start, non-negative.</summary>
    public void Add(long time, int channel)
    {
        if (_slot == _time.Length) NewChunk(ChunkSize);
        _time[_slot] = time;
        _channel[_slot] = channel;
        _slot++;
        EventCount++;
        if (time > MaxTime) MaxTime = time;
    }

    /// <summary>Closes the sample being read: the events added since the last call are its events.</summary>
    public void EndSample(byte label)
    {
        _start.Add(EventCount);
        _labels.Add(label);
    }

    /// <summary>One label per sample ended.</summary>
    public byte[] Labels() => [.. _labels];

    /// <summary>The split's events as streams of <paramref name="channels"/> inputs a frame over <paramref name="window"/> ticks.</summary>
    /// <param name="what">The split, as an error names it (e.g. "the N-MNIST training split").</param>
    public EventStreams ToStreams(int channels, long window, string what)
    {
        if (EventCount > Array.MaxLength)
            throw new MicrocircuitException(ErrorKind.DatasetCorrupt,
                $"{what} holds {EventCount} events, more than one array can hold ({Array.MaxLength}); fix: load fewer recordings.");
        long[] time;
        int[] channel;
        if (_timeChunks.Count == 1 && _time.Length == EventCount)
        {
            (time, channel) = (_time, _channel);
        }
        else
        {
            time = new long[EventCount];
            channel = new int[EventCount];
            int offset = 0;
            for (int c = 0; c < _timeChunks.Count; c++)
            {
                int length = (int)Math.Min(_timeChunks[c].Length, EventCount - offset);
                _timeChunks[c].AsSpan(0, length).CopyTo(time.AsSpan(offset));
                _channelChunks[c].AsSpan(0, length).CopyTo(channel.AsSpan(offset));
                offset += length;
            }
        }

        return new EventStreams([.. _start], time, channel, channels, window);
    }

    private void NewChunk(int size)
    {
        _time = new long[size];
        _channel = new int[size];
        _timeChunks.Add(_time);
        _channelChunks.Add(_channel);
        _slot = 0;
    }
}
