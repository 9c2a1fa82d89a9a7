using ILGPU;

namespace Microcircuit.Gpu;

/// <summary>
/// Matrix products on the device, one thread per element of C [m × n]: c(i, j) (+)= Σ_p a(i, p)·b(p, j), with A and B
/// read through strides, so one kernel serves every layout (A as [m × k] or its transpose, B likewise). The index's X is
/// the column j, so neighbouring threads write neighbouring elements of C.
/// </summary>
internal static class ProductKernels
{
    public static void Gemm(Index2D ij, ArrayView<float> a, ArrayView<float> b, ArrayView<float> c, int n, int k,
        int aRow, int aColumn, int bRow, int bColumn, int accumulate)
    {
        int i = ij.Y, j = ij.X;
        float s = 0f;
        for (int p = 0; p < k; p++) s += a[i * aRow + p * aColumn] * b[p * bRow + j * bColumn];
        int at = i * n + j;
        c[at] = accumulate != 0 ? c[at] + s : s;
    }

    /// <summary>C (+)= S·W for 0/1 spikes S [m × k] and W [k × n]: only the rows of W whose input spiked are added.</summary>
    public static void SpikeGemm(Index2D ij, ArrayView<float> spikes, ArrayView<float> w, ArrayView<float> c, int n, int k, int accumulate)
    {
        int i = ij.Y, j = ij.X;
        float s = 0f;
        for (int p = 0; p < k; p++)
            if (spikes[i * k + p] != 0f) s += spikes[i * k + p] * w[p * n + j];
        int at = i * n + j;
        c[at] = accumulate != 0 ? c[at] + s : s;
    }
}
