using Microcircuit.Compute;

namespace Microcircuit.Gpu;

public sealed partial class IlgpuBackend
{
    public void LocalError(ReadOnlySpan<float> gate, ReadOnlySpan<float> potential, Span<float> delta) =>
        Pairwise(_localError, gate[..potential.Length], potential, delta);

    public void LocalErrorWithSum(ReadOnlySpan<float> gate, ReadOnlySpan<float> potential, Span<float> delta, Span<float> inputSum, float gain)
    {
        int n = potential.Length;
        if (n == 0) return;
        _localErrorWithSum(n, _staging.In(0, gate[..n]), _staging.In(1, potential), _staging.Out(2, delta[..n]), _staging.In(3, inputSum[..n]), gain);
        _staging.Back(2, delta[..n]);
        _staging.Back(3, inputSum[..n]);
    }

    public void SplitSigns(ReadOnlySpan<float> delta, Span<float> plus, Span<float> minus)
    {
        int n = delta.Length;
        if (n == 0) return;
        _splitSigns(n, _staging.In(0, delta), _staging.Out(1, plus[..n]), _staging.Out(2, minus[..n]));
        _staging.Back(1, plus[..n]);
        _staging.Back(2, minus[..n]);
    }

    public void MembraneAdjoint(ReadOnlySpan<float> da, ReadOnlySpan<float> u, ReadOnlySpan<float> s, ReadOnlySpan<float> g, ReadOnlySpan<float> duNext,
        Span<float> du, float beta, float gain, bool detachReset)
    {
        int n = du.Length;
        if (n == 0) return;
        _adjoint(n, _staging.In(0, da[..n]), _staging.In(1, u[..n]), _staging.In(2, s[..n]), _staging.In(3, g[..n]), _staging.In(4, duNext[..n]),
            _staging.Out(5, du[..n]), beta, gain, detachReset ? 0f : beta);
        _staging.Back(5, du);
    }

    public void MembraneAdjointDerived(ReadOnlySpan<float> da, ReadOnlySpan<float> u, ReadOnlySpan<float> duNext, Span<float> du, float beta, float gain,
        bool detachReset, in GateFunction gate)
    {
        int n = du.Length;
        if (n == 0) return;
        _adjointDerived(n, _staging.In(0, da[..n]), _staging.In(1, u[..n]), _staging.In(2, duNext[..n]), _staging.Out(3, du[..n]), beta, gain, detachReset ? 0f : beta,
            (int)gate.Curve, gate.Threshold, gate.Width);
        _staging.Back(3, du);
    }
}
