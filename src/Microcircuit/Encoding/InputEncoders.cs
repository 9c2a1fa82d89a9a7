namespace Microcircuit.Encoding;

/// <summary>Builds the encoder an option names.</summary>
public static class InputEncoders
{
    public static IInputEncoder Create(EncoderKind kind, int steps) => kind switch
    {
        EncoderKind.Direct => new DirectEncoder(),
        EncoderKind.Rate => new RateEncoder(),
        EncoderKind.Latency => new LatencyEncoder(steps),
        EncoderKind.Events => new EventFrameEncoder(steps),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
