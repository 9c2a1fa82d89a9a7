using Microcircuit.Encoding;
using Microcircuit.Randomness;

namespace Microcircuit.Tests.Learning;

/// <summary>
/// Direct encoding that does not declare itself constant, so the network filters it every step: the reference the
/// once-per-batch first-layer shortcut is checked against.
/// </summary>
internal sealed class StepByStepDirect : IInputEncoder
{
    public EncoderKind Kind => EncoderKind.Direct;
    public bool IsConstant => false;
    public bool UsesIntensity => false;
    public void Encode(int step, ReadOnlySpan<float> pixels, Span<float> activity, SeededRandom random) => pixels.CopyTo(activity);
}
