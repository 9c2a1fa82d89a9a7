using Microcircuit.Compute;
using Microcircuit.Compute.Cpu;

namespace Microcircuit.Benchmarks;

/// <summary>Runs one layout through our Gemm or through OpenBLAS on managed arrays.</summary>
internal static unsafe class LayoutRun
{
    public static void Ours(Layout layout, float[] a, float[] b, float[] c, int m, int n, int k, int threads = 1)
    {
        switch (layout)
        {
            case Layout.NN: Gemm.NN(a, b, c, m, n, k, threads: threads); break;
            case Layout.NT: Gemm.NT(a, b, c, m, n, k, threads: threads); break;
            default: Gemm.TN(a, b, c, m, n, k, threads: threads); break;
        }
    }

    public static void Blas(Layout layout, float[] a, float[] b, float[] c, int m, int n, int k)
    {
        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pc = c)
        {
            OpenBlas.Sgemm(layout == Layout.TN, layout == Layout.NT, pa, pb, pc, m, n, k, accumulate: false);
        }
    }
}
