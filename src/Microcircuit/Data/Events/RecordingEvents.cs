using Microcircuit.Errors;

namespace Microcircuit.Data.Events;

/// <summary>
/// One recording's events in file order, with their full timestamps, held while labelled slices of it are cut out as
/// samples. The arrays are kept from one recording to the next, so reading many recordings allocates only as the
/// longest one needs. When the times never decrease (as a camera writes them) a slice is found by binary search;
/// otherwise every event is looked at.
/// </summary>
internal sealed class RecordingEvents
{
    private long[] _time = new long[1 << 16];
    private int[] _channel = new int[1 << 16];
    private string _path = "";

    /// <summary>Events held.</summary>
    public int Count { get; private set; }

    /// <summary>Whether no event's time is earlier than the one before it.</summary>
    public bool InTimeOrder { get; private set; } = true;

    /// <summary>Forgets the events held, to gather those of the recording at <paramref name="path"/>.</summary>
    public void Begin(string path)
    {
        _path = path;
        Count = 0;
        InTimeOrder = true;
    }

    public void Add(long time, int channel)
    {
        if (Count == _time.Length) Grow();
        if (Count > 0 && time < _time[Count - 1]) InTimeOrder = false;
        _time[Count] = time;
        _channel[Count] = channel;
        Count++;
    }

    /// <summary>
    /// Adds the events with <paramref name="start"/> ≤ time &lt; <paramref name="end"/> to <paramref name="sample"/>, in
    /// recording order, their times counted from <paramref name="start"/>.
    /// </summary>
    public void CopySlice(long start, long end, EventBuffer sample)
    {
        if (InTimeOrder)
        {
            for (int e = FirstAtOrAfter(start), last = FirstAtOrAfter(end); e < last; e++)
                sample.Add(_time[e] - start, _channel[e]);
            return;
        }

        for (int e = 0; e < Count; e++)
            if (_time[e] >= start && _time[e] < end)
                sample.Add(_time[e] - start, _channel[e]);
    }

    /// <summary>The index of the first event at or after <paramref name="time"/> (times in order).</summary>
    private int FirstAtOrAfter(long time)
    {
        int low = 0, high = Count;
        while (low < high)
        {
            int middle = low + (high - low) / 2;
            if (_time[middle] < time) low = middle + 1;
            else high = middle;
        }

        return low;
    }

    private void Grow()
    {
        if (Count >= Array.MaxLength)
            throw new MicrocircuitException(ErrorKind.DatasetCorrupt,
                $"Dataset file {_path} holds more events than one array can ({Array.MaxLength}); fix: split the recording.");
        int size = (int)Math.Min(Array.MaxLength, 2L * _time.Length);
        Array.Resize(ref _time, size);
        Array.Resize(ref _channel, size);
    }
}
