namespace Microcircuit.Data.Events;

/// <summary>
/// The events of a split's samples, as a neuromorphic sensor or a spiking cochlea emits them: per event a time (in the
/// sensor's ticks, e.g. µs, counted from the sample's start) and an input channel (polarity, then row, then column for a
/// camera: <c>p·H·W + y·W + x</c>; the unit for a cochlea). Samples are stored back to back; the first array given holds
/// where each begins. A network sees a sample as <see cref="Frames"/> frames: <see cref="Window"/> is cut into that many
/// equal bins and a channel is 1 in a frame where it had at least one event in that bin (spikes in, not pixels).
/// </summary>
public sealed class EventStreams
{
    private readonly long[] _start;
    private readonly long[] _time;
    private readonly int[] _channel;

    /// <param name="start">Where each sample's events begin, one entry per sample plus one (the total) at the end.</param>
    /// <param name="time">Each event's time, in ticks from its sample's start; non-negative.</param>
    /// <param name="channel">Each event's input channel, in [0, <paramref name="channels"/>).</param>
    /// <param name="channels">Input channels of one frame (the network's inputs).</param>
    /// <param name="window">The span of a sample, in ticks, that the frames cover; later events fall in the last frame.</param>
    public EventStreams(long[] start, long[] time, int[] channel, int channels, long window)
        : this(start, time, channel, channels, window, frames: 1)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(window);
        if (start.Length == 0 || start[0] != 0 || start[^1] != time.Length || time.Length != channel.Length)
            throw new ArgumentException("start must run from 0 to the number of events, and time and channel must have one entry per event.", nameof(start));
        for (int s = 1; s < start.Length; s++)
            if (start[s] < start[s - 1]) throw new ArgumentException($"start decreases at sample {s - 1}.", nameof(start));
        for (long e = 0; e < time.Length; e++)
        {
            if (time[e] < 0) throw new ArgumentException($"event {e} has a negative time ({time[e]}).", nameof(time));
            if ((uint)channel[e] >= (uint)channels) throw new ArgumentException($"event {e} names channel {channel[e]}; a frame has {channels}.", nameof(channel));
        }
    }

    private EventStreams(long[] start, long[] time, int[] channel, int channels, long window, int frames)
    {
        _start = start;
        _time = time;
        _channel = channel;
        Channels = channels;
        Window = window;
        Frames = frames;
    }

    /// <summary>Number of samples.</summary>
    public int Count => _start.Length - 1;

    /// <summary>Input channels of one frame.</summary>
    public int Channels { get; }

    /// <summary>The span of a sample, in ticks, that the frames cover.</summary>
    public long Window { get; }

    /// <summary>Frames a sample is cut into (1 until <see cref="InFrames"/> sets T).</summary>
    public int Frames { get; }

    /// <summary>All events of the split.</summary>
    public long EventCount => _time.Length;

    /// <summary>The number of events of sample <paramref name="index"/>.</summary>
    public long EventsOf(int index) => _start[index + 1] - _start[index];

    /// <summary>The same events cut into <paramref name="frames"/> frames (T, one per time step).</summary>
    public EventStreams InFrames(int frames)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frames);
        return new(_start, _time, _channel, Channels, Window, frames);
    }

    /// <summary>The first <paramref name="count"/> samples, sharing this store's arrays.</summary>
    public EventStreams Take(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count >= Count) return this;
        return new(_start[..(count + 1)], _time, _channel, Channels, Window, Frames);
    }

    /// <summary>The frame an event at <paramref name="time"/> falls in: ⌊time·T / window⌋, the last for later events.</summary>
    public int FrameOf(long time) => (int)Math.Min(Frames - 1, (long)((double)time * Frames / Window));

    /// <summary>Writes sample <paramref name="index"/>'s <see cref="Frames"/> × <see cref="Channels"/> binary frames.</summary>
    public void CopyFrames(int index, Span<float> destination)
    {
        int size = Frames * Channels;
        if (destination.Length < size)
            throw new ArgumentException($"Destination holds {destination.Length} floats; a sample needs {size}.", nameof(destination));
        destination[..size].Clear();
        for (long e = _start[index], end = _start[index + 1]; e < end; e++)
            destination[FrameOf(_time[e]) * Channels + _channel[e]] = 1f;
    }
}
