namespace Microcircuit.Data;

/// <summary>
/// One split (train or test) of a labelled image dataset. Pixels stay as bytes, <see cref="Dimension"/>
/// per sample, channel-major within a sample (all of channel 0 row by row, then channel 1, …), in an
/// <see cref="ImageStore"/> (zero-suppressed for the IDX datasets).
/// </summary>
public sealed class DatasetSplit
{
    internal DatasetSplit(ReadOnlyMemory<byte> pixels, ReadOnlyMemory<byte> labels, int dimension)
        : this(DenseStore(pixels, labels, dimension), labels)
    {
    }

    internal DatasetSplit(ImageStore images, ReadOnlyMemory<byte> labels)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.Count != labels.Length)
        {
            throw new ArgumentException($"{images.Count} images do not match {labels.Length} labels.", nameof(labels));
        }

        Images = images;
        Labels = labels;
        Dimension = images.Dimension;
    }

    /// <summary>Number of samples.</summary>
    public int Count => Labels.Length;

    /// <summary>Bytes per sample: channels × height × width.</summary>
    public int Dimension { get; }

    /// <summary>The images' pixels, <see cref="Count"/> × <see cref="Dimension"/> bytes.</summary>
    public ImageStore Images { get; }

    /// <summary>One class index per sample.</summary>
    public ReadOnlyMemory<byte> Labels { get; }

    /// <summary>The raw pixels of one sample, as a new array.</summary>
    public byte[] Image(int index)
    {
        CheckIndex(index);
        return Images.Image(index);
    }

    /// <summary>The class index of one sample.</summary>
    public int Label(int index)
    {
        CheckIndex(index);
        return Labels.Span[index];
    }

    /// <summary>
    /// Writes the <see cref="Dimension"/> normalised inputs of sample <paramref name="index"/> into
    /// <paramref name="destination"/>. The channel count is taken from <paramref name="norm"/>.
    /// </summary>
    public void CopyNormalised(int index, Span<float> destination, Normalisation norm)
    {
        ArgumentNullException.ThrowIfNull(norm);
        CheckIndex(index);
        if (destination.Length < Dimension)
        {
            throw new ArgumentException(
                $"Destination holds {destination.Length} floats; a sample needs {Dimension}.", nameof(destination));
        }

        int channels = norm.Channels;
        if (channels <= 0 || norm.Std.Length != channels || Dimension % channels != 0)
        {
            throw new ArgumentException(
                $"Normalisation for {channels} channel(s) does not fit samples of dimension {Dimension}.", nameof(norm));
        }

        Span<byte> image = Dimension <= MaxStackImage ? stackalloc byte[Dimension] : new byte[Dimension];
        Images.CopyTo(index, image);
        int plane = Dimension / channels;
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

        return new DatasetSplit(Images.Take(count), Labels[..count]);
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
