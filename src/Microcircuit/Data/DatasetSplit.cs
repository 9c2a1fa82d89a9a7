using Microcircuit.Data.Events;

namespace Microcircuit.Data;

/// <summary>
/// One split (train or test) of a labelled dataset. A sample is one of three kinds: bytes (pixels 0–255,
/// <see cref="Dimension"/> per sample, channel-major: all of channel 0 row by row, then channel 1, …, in an
/// <see cref="ImageStore"/>, zero-suppressed for the IDX datasets), 32-bit floats (<see cref="FloatSamples"/>), or
/// event streams (<see cref="EventStreams"/>), which a network sees as <see cref="Frames"/> binary frames of
/// <see cref="Dimension"/> inputs. Build one from arrays with <see cref="FromBytes"/>, <see cref="FromFloats"/> or
/// <see cref="FromEvents"/>.
/// </summary>
public sealed class DatasetSplit
{
    /// <summary>A split of byte samples (pixels 0–255), <paramref name="dimension"/> per sample; the arrays are not copied.</summary>
    public static DatasetSplit FromBytes(ReadOnlyMemory<byte> pixels, ReadOnlyMemory<byte> labels, int dimension) =>
        new(pixels, labels, dimension);

    /// <summary>A split of float samples, <paramref name="dimension"/> per sample; the arrays are not copied.</summary>
    public static DatasetSplit FromFloats(ReadOnlyMemory<float> values, ReadOnlyMemory<byte> labels, int dimension) =>
        new(new FloatSamples(values, dimension), labels);

    /// <summary>A split of event streams, one per label.</summary>
    public static DatasetSplit FromEvents(EventStreams events, ReadOnlyMemory<byte> labels) => new(events, labels);

    internal DatasetSplit(FloatSamples floats, ReadOnlyMemory<byte> labels)
        : this(labels, floats?.Count, floats?.Dimension, "samples")
    {
        Floats = floats;
    }

    internal DatasetSplit(EventStreams events, ReadOnlyMemory<byte> labels)
        : this(labels, events?.Count, events?.Channels, "event streams")
    {
        Events = events;
    }

    internal DatasetSplit(ReadOnlyMemory<byte> pixels, ReadOnlyMemory<byte> labels, int dimension)
        : this(DenseStore(pixels, labels, dimension), labels)
    {
    }

    internal DatasetSplit(ImageStore images, ReadOnlyMemory<byte> labels)
        : this(labels, images?.Count, images?.Dimension, "images")
    {
        Images = images;
    }

    /// <summary>The labels and the dimension of one of the three kinds of samples, whose count must match the labels'.</summary>
    private DatasetSplit(ReadOnlyMemory<byte> labels, int? count, int? dimension, string what)
    {
        if (count is null || dimension is null) throw new ArgumentNullException(nameof(count), $"No {what} were given.");
        if (count != labels.Length)
            throw new ArgumentException($"{count} {what} do not match {labels.Length} labels.", nameof(labels));
        Labels = labels;
        Dimension = dimension.Value;
    }

    /// <summary>Number of samples.</summary>
    public int Count => Labels.Length;

    /// <summary>Inputs per sample (per frame for event streams): channels × height × width.</summary>
    public int Dimension { get; }

    /// <summary>Frames a sample is shown as: T for event streams cut into T bins, 1 otherwise.</summary>
    public int Frames => Events?.Frames ?? 1;

    /// <summary>Floats <see cref="CopyNormalised"/> writes per sample: <see cref="Frames"/> × <see cref="Dimension"/>.</summary>
    public int SampleLength => Frames * Dimension;

    /// <summary>The images' pixels, <see cref="Count"/> × <see cref="Dimension"/> bytes; null for float or event samples.</summary>
    public ImageStore? Images { get; }

    /// <summary>The samples as floats; null for byte or event samples.</summary>
    public FloatSamples? Floats { get; }

    /// <summary>The samples as event streams; null for byte or float samples.</summary>
    public EventStreams? Events { get; }

    /// <summary>True for event streams (which need the events encoder), false for images.</summary>
    public bool IsTemporal => Events is not null;

    /// <summary>This split with its event streams cut into <paramref name="frames"/> frames; itself for images.</summary>
    public DatasetSplit InFrames(int frames) =>
        Events is { } events && events.Frames != frames ? new DatasetSplit(events.InFrames(frames), Labels) : this;

    /// <summary>One class index per sample.</summary>
    public ReadOnlyMemory<byte> Labels { get; }

    /// <summary>The raw pixels of one sample, as a new array.</summary>
    public byte[] Image(int index)
    {
        CheckIndex(index);
        return Images?.Image(index) ?? throw new InvalidOperationException("This split holds float or event samples, not byte images.");
    }

    /// <summary>The class index of one sample.</summary>
    public int Label(int index)
    {
        CheckIndex(index);
        return Labels.Span[index];
    }

    /// <summary>
    /// Writes the <see cref="SampleLength"/> normalised inputs of sample <paramref name="index"/> into
    /// <paramref name="destination"/>. The channel count is taken from <paramref name="norm"/>. Event streams are
    /// written as binary frames, which normalisation leaves as they are.
    /// </summary>
    public void CopyNormalised(int index, Span<float> destination, Normalisation norm)
    {
        ArgumentNullException.ThrowIfNull(norm);
        CheckIndex(index);
        if (destination.Length < SampleLength)
        {
            throw new ArgumentException(
                $"Destination holds {destination.Length} floats; a sample needs {SampleLength}.", nameof(destination));
        }

        if (Events is { } events)
        {
            events.CopyFrames(index, destination);
            return;
        }

        int channels = norm.Channels;
        if (channels <= 0 || norm.Std.Length != channels || Dimension % channels != 0)
        {
            throw new ArgumentException(
                $"Normalisation for {channels} channel(s) does not fit samples of dimension {Dimension}.", nameof(norm));
        }

        int plane = Dimension / channels;
        if (Floats is { } floats)
        {
            ReadOnlySpan<float> values = floats.Sample(index);
            for (int c = 0; c < channels; c++)
            {
                float gain = 1f / (norm.Scale * norm.Std[c]);
                float offset = -norm.Mean[c] / norm.Std[c];
                ReadOnlySpan<float> source = values.Slice(c * plane, plane);
                Span<float> target = destination.Slice(c * plane, plane);
                for (int i = 0; i < source.Length; i++) target[i] = source[i] * gain + offset;
            }
            return;
        }

        Span<byte> image = Dimension <= MaxStackImage ? stackalloc byte[Dimension] : new byte[Dimension];
        Images!.CopyTo(index, image);
        for (int c = 0; c < channels; c++)
        {
            float gain = 1f / (norm.Scale * norm.Std[c]);
            float offset = -norm.Mean[c] / norm.Std[c];
            ReadOnlySpan<byte> source = image.Slice(c * plane, plane);
            Span<float> target = destination.Slice(c * plane, plane);
            for (int i = 0; i < source.Length; i++)
            {
                target[i] = source[i] * gain + offset;
            }
        }
    }

    /// <summary>
    /// The first <paramref name="count"/> samples, sharing this split's memory. A count larger than
    /// <see cref="Count"/> yields the whole split.
    /// </summary>
    public DatasetSplit Take(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count >= Count)
        {
            return this;
        }

        if (Events is { } events) return new DatasetSplit(events.Take(count), Labels[..count]);
        if (Floats is { } floats) return new DatasetSplit(floats.Take(count), Labels[..count]);
        return new DatasetSplit(Images!.Take(count), Labels[..count]);
    }

    /// <summary>How many samples carry each class index 0 … <paramref name="classes"/> − 1.</summary>
    public int[] CountPerClass(int classes)
    {
        var counts = new int[classes];
        foreach (byte label in Labels.Span)
        {
            if (label < classes)
            {
                counts[label]++;
            }
        }

        return counts;
    }

    private const int MaxStackImage = 4096;

    private static ImageStore DenseStore(ReadOnlyMemory<byte> pixels, ReadOnlyMemory<byte> labels, int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        if (pixels.Length != (long)labels.Length * dimension)
        {
            throw new ArgumentException(
                $"{pixels.Length} pixel bytes do not make {labels.Length} samples of dimension {dimension}.",
                nameof(pixels));
        }

        return ImageStore.Dense(pixels, dimension);
    }

    private void CheckIndex(int index)
    {
        if ((uint)index >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The split holds {Count} samples.");
        }
    }
}
