namespace Microcircuit.Data;

/// <summary>
/// How raw pixel bytes become network inputs: <c>x = (p / Scale − Mean[c]) / Std[c]</c> for a pixel
/// <c>p</c> of channel <c>c</c>. A single-channel dataset has one-element <see cref="Mean"/> and <see cref="Std"/>.
/// </summary>
public sealed record Normalisation(float Scale, float[] Mean, float[] Std)
{
    /// <summary>Number of channels the constants describe.</summary>
    public int Channels => Mean.Length;

    /// <summary>x = p / <paramref name="scale"/>: no centring, no scaling beyond the scale (what event streams get).</summary>
    public static Normalisation Identity(int channels, float scale = 1f) =>
        new(scale, new float[channels], Enumerable.Repeat(1f, channels).ToArray());

    /// <summary>
    /// Measured on <paramref name="train"/>: per channel, the mean and (population) standard deviation of value / scale,
    /// where scale is 255 for byte samples and 1 for floats; std 1 where a channel is constant. Event streams get
    /// <see cref="Identity"/>.
    /// </summary>
    public static Normalisation Measure(DatasetSplit train, int channels)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        if (train.IsTemporal) return Identity(channels);
        if (train.Dimension % channels != 0) throw new ArgumentException($"Samples of {train.Dimension} values do not split into {channels} channels.", nameof(channels));
        float scale = train.Images is null ? 1f : 255f;
        var raw = Identity(channels, scale);
        int plane = train.Dimension / channels;
        var sample = new float[train.Dimension];
        var sum = new double[channels];
        var squares = new double[channels];
        for (int n = 0; n < train.Count; n++)
        {
            train.CopyNormalised(n, sample, raw);
            for (int c = 0; c < channels; c++)
                foreach (float v in sample.AsSpan(c * plane, plane))
                {
                    sum[c] += v;
                    squares[c] += (double)v * v;
                }
        }
        double count = Math.Max(1.0, (double)train.Count * plane);
        var mean = new float[channels];
        var std = new float[channels];
        for (int c = 0; c < channels; c++)
        {
            double m = sum[c] / count, variance = Math.Max(0, squares[c] / count - m * m);
            mean[c] = (float)m;
            std[c] = variance > 1e-12 ? (float)Math.Sqrt(variance) : 1f;
        }
        return new Normalisation(scale, mean, std);
    }
}
