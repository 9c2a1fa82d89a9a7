namespace Microcircuit.Compute.Cpu;

/// <summary>
/// Single-precision dense matrix products on row-major spans. Large products run a blocked, packed,
/// register-tiled kernel (Vector256 + FMA, scalar fallback); tiny ones run plain SIMD loops. With
/// <c>threads</c> &gt; 1 disjoint blocks of C run in parallel; results are bitwise identical for every
/// thread count. Spans may be longer than the matrices they hold.
/// </summary>
public static class Gemm
{
    /// <summary>C[m×n] (+)= A[m×k] · B[k×n].</summary>
    public static void NN(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int n, int k, bool accumulate = false, int threads = 1)
        => Multiply(GemmLayout.NN, a, b, c, m, n, k, accumulate, threads);

    /// <summary>C[m×n] (+)= A[m×k] · Bᵀ, with B stored as [n×k].</summary>
    public static void NT(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int n, int k, bool accumulate = false, int threads = 1)
        => Multiply(GemmLayout.NT, a, b, c, m, n, k, accumulate, threads);

    /// <summary>C[m×n] (+)= Aᵀ · B, with A stored as [k×m].</summary>
    public static void TN(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int n, int k, bool accumulate = false, int threads = 1)
        => Multiply(GemmLayout.TN, a, b, c, m, n, k, accumulate, threads);

    private static unsafe void Multiply(GemmLayout layout, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c,
        int m, int n, int k, bool accumulate, int threads)
    {
        MatrixArguments.Check(a.Length, b.Length, c.Length, m, n, k, threads);
        if (m == 0 || n == 0)
        {
            return;
        }
        if (k == 0)
        {
            if (!accumulate)
            {
                c[..(m * n)].Clear();
            }
            return;
        }

        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pc = c)
        {
            if (GemmUnpacked.Suits(layout, m, n, k))
            {
                GemmUnpacked.Run(layout, pa, pb, pc, m, n, k, accumulate);
            }
            else
            {
                GemmDriver.Run(layout, pa, pb, pc, m, n, k, accumulate, threads);
            }
        }
    }
}
