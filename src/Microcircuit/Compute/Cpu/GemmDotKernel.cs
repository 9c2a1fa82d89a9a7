using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Microcircuit.Compute.Cpu;

/// <summary>
/// A 4×3 tile of dot products for A·Bᵀ with both operands row-major over k: twelve Vector256 accumulators
/// run along k (4 loads of A, 3 of B per 12 FMAs), then reduce horizontally. Rows and columns past the
/// tile's valid count repeat the last valid one and are not written. Needs FMA.
/// </summary>
internal static unsafe class GemmDotKernel
{
    public const int Rows = 4;
    public const int Cols = 3;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int k, float* a, int lda, int rows, float* b, int ldb, int cols, float* c, int ldc, bool accumulate)
    {
        float* a0 = a, a1 = a + (long)Math.Min(1, rows - 1) * lda, a2 = a + (long)Math.Min(2, rows - 1) * lda, a3 = a + (long)Math.Min(3, rows - 1) * lda;
        float* b0 = b, b1 = b + (long)Math.Min(1, cols - 1) * ldb, b2 = b + (long)Math.Min(2, cols - 1) * ldb;
        Vector256<float> s00 = default, s01 = default, s02 = default, s10 = default, s11 = default, s12 = default;
        Vector256<float> s20 = default, s21 = default, s22 = default, s30 = default, s31 = default, s32 = default;
        int p = 0;
        for (; p + 8 <= k; p += 8)
        {
            var y0 = Avx.LoadVector256(b0 + p);
            var y1 = Avx.LoadVector256(b1 + p);
            var y2 = Avx.LoadVector256(b2 + p);
            var x = Avx.LoadVector256(a0 + p);
            s00 = Fma.MultiplyAdd(x, y0, s00);
            s01 = Fma.MultiplyAdd(x, y1, s01);
            s02 = Fma.MultiplyAdd(x, y2, s02);
            x = Avx.LoadVector256(a1 + p);
            s10 = Fma.MultiplyAdd(x, y0, s10);
            s11 = Fma.MultiplyAdd(x, y1, s11);
            s12 = Fma.MultiplyAdd(x, y2, s12);
            x = Avx.LoadVector256(a2 + p);
            s20 = Fma.MultiplyAdd(x, y0, s20);
            s21 = Fma.MultiplyAdd(x, y1, s21);
            s22 = Fma.MultiplyAdd(x, y2, s22);
            x = Avx.LoadVector256(a3 + p);
            s30 = Fma.MultiplyAdd(x, y0, s30);
            s31 = Fma.MultiplyAdd(x, y1, s31);
            s32 = Fma.MultiplyAdd(x, y2, s32);
        }

        if (p < k)
        {
            // Masked loads never touch the floats past k.
            var mask = Vector256.LessThan(Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7), Vector256.Create(k - p)).AsSingle();
            var y0 = Avx.MaskLoad(b0 + p, mask);
            var y1 = Avx.MaskLoad(b1 + p, mask);
            var y2 = Avx.MaskLoad(b2 + p, mask);
            var x = Avx.MaskLoad(a0 + p, mask);
            s00 = Fma.MultiplyAdd(x, y0, s00);
            s01 = Fma.MultiplyAdd(x, y1, s01);
            s02 = Fma.MultiplyAdd(x, y2, s02);
            x = Avx.MaskLoad(a1 + p, mask);
            s10 = Fma.MultiplyAdd(x, y0, s10);
            s11 = Fma.MultiplyAdd(x, y1, s11);
            s12 = Fma.MultiplyAdd(x, y2, s12);
            x = Avx.MaskLoad(a2 + p, mask);
            s20 = Fma.MultiplyAdd(x, y0, s20);
            s21 = Fma.MultiplyAdd(x, y1, s21);
            s22 = Fma.MultiplyAdd(x, y2, s22);
            x = Avx.MaskLoad(a3 + p, mask);
            s30 = Fma.MultiplyAdd(x, y0, s30);
            s31 = Fma.MultiplyAdd(x, y1, s31);
            s32 = Fma.MultiplyAdd(x, y2, s32);
        }

        float* sums = stackalloc float[Rows * Cols];
        sums[0] = Vector256.Sum(s00); sums[1] = Vector256.Sum(s01); sums[2] = Vector256.Sum(s02);
        sums[3] = Vector256.Sum(s10); sums[4] = Vector256.Sum(s11); sums[5] = Vector256.Sum(s12);
        sums[6] = Vector256.Sum(s20); sums[7] = Vector256.Sum(s21); sums[8] = Vector256.Sum(s22);
        sums[9] = Vector256.Sum(s30); sums[10] = Vector256.Sum(s31); sums[11] = Vector256.Sum(s32);
        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < cols; j++)
            {
                float sum = sums[r * Cols + j];
                float* dst = c + (long)r * ldc + j;
                *dst = accumulate ? *dst + sum : sum;
            }
        }
    }
}
