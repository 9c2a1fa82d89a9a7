using Microcircuit.Compute;

namespace Microcircuit.Gpu;

public sealed partial class IlgpuBackend
{
    public void AdamStep(Span<float> weights, ReadOnlySpan<float> gradient, Span<float> firstMoment, Span<float> secondMoment, in AdamConstants constants)
    {
        int n = weights.Length;
        if (n == 0) return;
        _adam(n, _staging.In(0, weights), _staging.In(1, gradient[..n]), _staging.In(2, firstMoment[..n]), _staging.In(3, secondMoment[..n]), constants);
        _staging.Back(0, weights);
        _staging.Back(2, firstMoment[..n]);
        _staging.Back(3, secondMoment[..n]);
    }

    public void SignStep(Span<float> weights, ReadOnlySpan<float> gradient, float step, Span<float> velocity, float momentum)
    {
        int n = weights.Length;
        if (n == 0) return;
        if (velocity.IsEmpty)
            _signStep(n, _staging.In(0, weights), _staging.In(1, gradient[..n]), step);
        else
        {
            _signStepMomentum(n, _staging.In(0, weights), _staging.In(1, gradient[..n]), step, _staging.In(2, velocity[..n]), momentum);
            _staging.Back(2, velocity[..n]);
        }
        _staging.Back(0, weights);
    }

    /// <summary>The clamp and the check both run on the device: a NaN survives the clamp, so the sum after it is finite exactly when no value was NaN (or, unclamped, infinite).</summary>
    public bool ClampAndCheck(Span<float> values, float limit)
    {
        if (values.Length == 0) return true;
        if (limit > 0f)
        {
            _clamp(values.Length, _staging.In(0, values), limit);
            _staging.Back(0, values);
        }
        return float.IsFinite(Sum(values));
    }

    public void KeepSigns(Span<float> weights, ReadOnlySpan<float> signs)
    {
        int n = weights.Length;
        if (n == 0) return;
        _keepSigns(n, _staging.In(0, weights), _staging.In(1, signs[..n]));
        _staging.Back(0, weights);
    }
}
