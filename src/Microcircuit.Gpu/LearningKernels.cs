using ILGPU;
using ILGPU.Algorithms;

namespace Microcircuit.Gpu;

/// <summary>The rules' per-cell device kernels.</summary>
internal static class LearningKernels
{
    public static void LocalError(Index1D i, ArrayView<float> gate, ArrayView<float> potential, ArrayView<float> delta) =>
        delta[i] = gate[i] * potential[i];

    public static void LocalErrorWithSum(Index1D i, ArrayView<float> gate, ArrayView<float> potential, ArrayView<float> delta, ArrayView<float> sum, float gain)
    {
        float d = gate[i] * potential[i];
        delta[i] = d;
        sum[i] = d * gain + sum[i];
    }

    /// <summary>plus = [δ]₊, minus = [−δ]₊; a NaN stays NaN in both, as on the CPU (PTX's max would return 0).</summary>
    public static void SplitSigns(Index1D i, ArrayView<float> delta, ArrayView<float> plus, ArrayView<float> minus)
    {
        float d = delta[i];
        plus[i] = XMath.IsNaN(d) ? d : XMath.Max(d, 0f);
        minus[i] = XMath.IsNaN(d) ? d : XMath.Max(-d, 0f);
    }

    public static void MembraneAdjoint(Index1D i, ArrayView<float> da, ArrayView<float> u, ArrayView<float> s, ArrayView<float> g, ArrayView<float> duNext,
        ArrayView<float> du, float beta, float gain, float reset)
    {
        float ds = da[i] * gain - reset * u[i] * duNext[i];
        du[i] = g[i] * ds + beta * (1f - s[i]) * duNext[i];
    }

    public static void MembraneAdjointDerived(Index1D i, ArrayView<float> da, ArrayView<float> u, ArrayView<float> duNext, ArrayView<float> du,
        float beta, float gain, float reset, int curve, float threshold, float width)
    {
        float ui = u[i];
        float s = ui > threshold ? 1f : 0f;
        float ds = da[i] * gain - reset * ui * duNext[i];
        du[i] = CellKernels.Gate(ui, curve, threshold, width) * ds + beta * (1f - s) * duNext[i];
    }
}
