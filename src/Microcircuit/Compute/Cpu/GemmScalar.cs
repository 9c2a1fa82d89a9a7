using System.Runtime.CompilerServices;

namespace Microcircuit.Compute.Cpu;

/// <summary>
/// Plain scalar loops for small products on machines without FMA: row AXPYs for NN and TN, dot products
/// for NT. Single-threaded, so results never depend on the thread count.
/// </summary>
internal static unsafe class GemmScalar
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(GemmLayout layout, float* a, float* b, float* c, int m, int n, int k, bool accumulate)
    {
        for (int i = 0; i < m; i++)
        {
            float* row = c + (long)i * n;
            if (layout.TransposeB)
            {
                for (int j = 0; j < n; j++)
                {
                    float* ai = a + (long)i * k;
                    float* bj = b + (long)j * k;
                    float sum = 0f;
                    for (int p = 0; p < k; p++)
                    {
                        sum += ai[p] * bj[p];
                    }
                    row[j] = accumulate ? row[j] + sum : sum;
                }
                continue;
            }
            if (!accumulate)
            {
                new Span<float>(row, n).Clear();
            }
            for (int p = 0; p < k; p++)
            {
                float x = layout.TransposeA ? a[(long)p * m + i] : a[(long)i * k + p];
                float* bp = b + (long)p * n;
                for (int j = 0; j < n; j++)
                {
                    row[j] += x * bp[j];
                }
            }
        }
    }
}
