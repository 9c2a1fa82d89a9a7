namespace Microcircuit.Compute;

/// <summary>The passes of the optimisers and the weight constraints over one parameter tensor.</summary>
public interface IOptimizerKernels
{
    /// <summary>One Adam(W) step: m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g², w ← decay·w − η·m̂/(√v̂ + ε).</summary>
    void AdamStep(Span<float> weights, ReadOnlySpan<float> gradient, Span<float> firstMoment, Span<float> secondMoment, in AdamConstants constants);

    /// <summary>
    /// w ← w − step·sign(m) with m = g, or with momentum m ← β·m + g kept in <paramref name="velocity"/> (empty: none).
    /// </summary>
    void SignStep(Span<float> weights, ReadOnlySpan<float> gradient, float step, Span<float> velocity, float momentum);

    /// <summary>
    /// Clamps to [−limit, limit] (none when limit ≤ 0); true when no value was NaN and the clamped values' sum is finite.
    /// </summary>
    bool ClampAndCheck(Span<float> values, float limit);

    /// <summary>Zeroes every weight whose sign is opposite to its fixed sign (Dale's principle).</summary>
    void KeepSigns(Span<float> weights, ReadOnlySpan<float> signs);
}
