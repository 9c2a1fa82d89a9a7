using Microcircuit.Compute;
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

    /// <summary>The gate of cells with threshold <paramref name="threshold"/>, as a back end evaluates it.</summary>
    public GateFunction Function(float threshold) =>
        new(Kind switch { GateKind.Logistic => GateCurve.Logistic, GateKind.Boxcar => GateCurve.Boxcar, _ => GateCurve.Flat }, threshold, Width);
}
