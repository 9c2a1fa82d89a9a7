using Microcircuit.Randomness;

namespace Microcircuit.Encoding;

/// <summary>
/// Input from event streams: a sample arrives as T binary frames (its events binned into T equal slices of its time
/// window, <see cref="Data.Events.EventStreams"/>), and step t's input activity is frame t. Nothing is drawn at random.
/// </summary>
public sealed class EventFrameEncoder(int steps) : IInputEncoder
{
    public EncoderKind Kind => EncoderKind.Events;
    public bool IsConstant => false;
    public bool UsesIntensity => true;
    public bool EmitsSpikes => true;
    public int Frames { get; } = steps > 0 ? steps : throw new ArgumentOutOfRangeException(nameof(steps));

    /// <summary>Needs the batch size to find the frames; a batch of one is assumed here.</summary>
    public void Encode(int step, ReadOnlySpan<float> pixels, Span<float> activity, SeededRandom random) =>
        Encode(step, pixels, activity, 1, random);

    public void Encode(int step, ReadOnlySpan<float> samples, Span<float> activity, int batch, SeededRandom random)
    {
        if (step < 1 || step > Frames) throw new ArgumentOutOfRangeException(nameof(step), step, $"The samples hold {Frames} frames.");
        if (batch <= 0 || activity.Length % batch != 0 || samples.Length < activity.Length * Frames)
            throw new ArgumentException($"{samples.Length} input values do not hold {Frames} frames for {activity.Length} inputs of a batch of {batch}.", nameof(samples));
        int inputs = activity.Length / batch;
        for (int b = 0; b < batch; b++)
            samples.Slice((b * Frames + step - 1) * inputs, inputs).CopyTo(activity.Slice(b * inputs, inputs));
    }
}
