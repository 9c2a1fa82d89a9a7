using Microcircuit.Errors;

namespace Microcircuit.Neurons;

/// <summary>
/// The excitability gate g_l[t], a derivative proxy of spike with respect to membrane potential that the cell
/// itself can know (docs/paper.md §2). Time-local rules multiply their error signals by it; BPTT uses it as ∂s/∂u.
/// </summary>
public readonly record struct SurrogateGradient(GateKind Kind = GateKind.Logistic, float Width = 0.2f)
{
    public static SurrogateGradient Default => new(GateKind.Logistic, 0.2f);

    public void Validate()
    {
        // Checked with every gate, "none" included: a width no gate could use is a mistake, not a setting to keep.
        if (!(Width > 0f) || !float.IsFinite(Width))
            throw new OptionException("gate_width", $"{{gate_width}} must be a positive number (got {Width}).");
    }

    /// <summary>g for one membrane value.</summary>
    public float Evaluate(float membrane, float threshold)
    {
        switch (Kind)
        {
            case GateKind.Logistic:
                return LogisticGate.Evaluate(membrane, threshold, Width);
            case GateKind.Boxcar:
                return MathF.Abs(membrane - threshold) < Width ? 0.5f / Width : 0f;
            default:
                return 1f;
        }
    }

    /// <summary>g for a whole population; <paramref name="gate"/> may not alias <paramref name="membrane"/>.</summary>
    public void Evaluate(ReadOnlySpan<float> membrane, float threshold, Span<float> gate)
    {
        gate = gate[..membrane.Length];
        switch (Kind)
        {
            case GateKind.Logistic:
                LogisticGate.Evaluate(membrane, threshold, Width, gate);
                break;
            case GateKind.Boxcar:
                for (int i = 0; i < membrane.Length; i++)
                    gate[i] = MathF.Abs(membrane[i] - threshold) < Width ? 0.5f / Width : 0f;
                break;
            default:
                gate.Fill(1f);
                break;
        }
    }
}
