using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Microcircuit.Tensors;

/// <summary>
/// Plain loops for machines without FMA, on products too small to repay packing: row AXPYs for NN and TN, dot products
/// for NT. Single-threaded, so results never depend on the thread count.
/// </summary>
internal static unsafe class GemmSmall
{
    public static void Run(GemmLayout layout, float* a, float* b, float* c, int m, int n, int k, bool accumulate)
    {
        if (layout.TransposeB)
        {
            Dots(a, b, c, m, n, k, accumulate);
            return;
        }
        for (int i = 0; i < m; i++)
        {
            float* row = c + (long)i * n;
            if (!accumulate)
            {
                new Span<float>(row, n).Clear();
            }
            for (int p = 0; p < k; p++)
            {
                float x = layout.TransposeA ? a[(long)p * m + i] : a[(long)i * k + p];
                Axpy(x, b + (long)p * n, row, n);
            }
        }
    }

    /// <summary>y += x · v over n floats.</summary>
    private static void Axpy(float x, float* v, float* y, int n)
    {
        int j = 0;
        if (Fma.IsSupported)
        {
            var xs = Vector256.Create(x);
            for (; j + 8 <= n; j += 8)
            {
                Avx.Store(y + j, Fma.MultiplyAdd(xs, Avx.LoadVector256(v + j), Avx.LoadVector256(y + j)));
            }
        }
        for (; j < n; j++)
        {
            y[j] += x * v[j];
        }
    }

    /// <summary>C[i,j] (+)= A[i,:] · B[j,:] with B stored [n×k].</summary>
    private static void Dots(float* a, float* b, float* c, int m, int n, int k, bool accumulate)
    {
        for (int i = 0; i < m; i++)
        {
            float* ai = a + (long)i * k;
            for (int j = 0; j < n; j++)
            {
                float d = Dot(ai, b + (long)j * k, k);
                float* dst = c + (long)i * n + j;
                *dst = accumulate ? *dst + d : d;
            }
        }
    }

    private static float Dot(float* x, float* y, int k)
    {
        int p = 0;
        float sum = 0f;
        if (Fma.IsSupported)
        {
            Vector256<float> s0 = default, s1 = default;
            for (; p + 16 <= k; p += 16)
            {
                s0 = Fma.MultiplyAdd(Avx.LoadVector256(x + p), Avx.LoadVector256(y + p), s0);
                s1 = Fma.MultiplyAdd(Avx.LoadVector256(x + p + 8), Avx.LoadVector256(y + p + 8), s1);
            }
            for (; p + 8 <= k; p += 8)
            {
                s0 = Fma.MultiplyAdd(Avx.LoadVector256(x + p), Avx.LoadVector256(y + p), s0);
            }
            sum = Vector256.Sum(Avx.Add(s0, s1));
        }
        for (; p < k; p++)
        {
            sum += x[p] * y[p];
        }
        return sum;
    }
}
