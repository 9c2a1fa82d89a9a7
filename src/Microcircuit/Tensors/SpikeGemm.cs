using System.Buffers;
using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Microcircuit.Tensors;

/// <summary>
/// Event-driven product for binary spike inputs: each row of C is the sum of the rows of Wt whose input
/// spiked, so the work scales with the number of spikes rather than with k. Any non-zero entry of S
/// counts as a spike (weight 1).
/// </summary>
public static class SpikeGemm
{
    private const int StackIndices = 1024;

    /// <summary>
    /// C[m×n] (+)= S[m×k] · Wt[k×n] where S holds only 0 or 1. Rows are summed in ascending k order,
    /// starting from C when <paramref name="accumulate"/> is set; results are identical for every thread count.
    /// </summary>
    public static unsafe void Accumulate(ReadOnlySpan<float> spikes, ReadOnlySpan<float> wt, Span<float> c, int m, int n, int k, bool accumulate = false, int threads = 1)
    {
        MatrixArguments.Check(spikes.Length, wt.Length, c.Length, m, n, k, threads);
        if (m == 0 || n == 0)
        {
            return;
        }
        fixed (float* ps = spikes)
        fixed (float* pw = wt)
        fixed (float* pc = c)
        {
            int parts = Math.Min(threads, m);
            if (parts <= 1)
            {
                Rows(ps, pw, pc, 0, m, n, k, accumulate);
                return;
            }
            Split(ps, pw, pc, m, n, k, accumulate, parts);
        }
    }

    /// <summary>Runs the parallel case apart, so the single-threaded path allocates no closure.</summary>
    private static unsafe void Split(float* spikes, float* wt, float* c, int m, int n, int k, bool accumulate, int parts)
    {
        nint s = (nint)spikes, w = (nint)wt, cc = (nint)c;
        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, part =>
        {
            int r0 = (int)((long)m * part / parts);
            int r1 = (int)((long)m * (part + 1) / parts);
            Rows((float*)s, (float*)w, (float*)cc, r0, r1, n, k, accumulate);
        });
    }

    private static unsafe void Rows(float* s, float* wt, float* c, int r0, int r1, int n, int k, bool accumulate)
    {
        int[]? rented = null;
        Span<int> active = k <= StackIndices ? stackalloc int[StackIndices] : (rented = ArrayPool<int>.Shared.Rent(k));
        fixed (int* idx = active)
        {
            for (int i = r0; i < r1; i++)
            {
                int count = Spiked(s + (long)i * k, k, idx);
                SumRows(wt, n, idx, count, c + (long)i * n, accumulate);
            }
        }
        if (rented is not null)
        {
            ArrayPool<int>.Shared.Return(rented);
        }
    }

    /// <summary>Writes the indices of the non-zero entries of a spike row to idx; returns how many.</summary>
    private static unsafe int Spiked(float* row, int k, int* idx)
    {
        int count = 0;
        int p = 0;
        if (Avx.IsSupported)
        {
            for (; p + 8 <= k; p += 8)
            {
                var nonZero = Avx.CompareNotEqual(Avx.LoadVector256(row + p), Vector256<float>.Zero);
                uint bits = nonZero.ExtractMostSignificantBits();
                while (bits != 0)
                {
                    idx[count++] = p + BitOperations.TrailingZeroCount(bits);
                    bits &= bits - 1;
                }
            }
        }
        for (; p < k; p++)
        {
            if (row[p] != 0f)
            {
                idx[count++] = p;
            }
        }
        return count;
    }

    /// <summary>dst (+)= Σ over the listed rows of Wt, summing each column in list order in registers.</summary>
    private static unsafe void SumRows(float* wt, int n, int* idx, int count, float* dst, bool accumulate)
    {
        int j = 0;
        if (Avx.IsSupported)
        {
            for (; j + 32 <= n; j += 32)
            {
                Vector256<float> s0, s1, s2, s3;
                if (accumulate)
                {
                    s0 = Avx.LoadVector256(dst + j);
                    s1 = Avx.LoadVector256(dst + j + 8);
                    s2 = Avx.LoadVector256(dst + j + 16);
                    s3 = Avx.LoadVector256(dst + j + 24);
                }
                else
                {
                    s0 = s1 = s2 = s3 = Vector256<float>.Zero;
                }
                for (int q = 0; q < count; q++)
                {
                    float* w = wt + (long)idx[q] * n + j;
                    s0 = Avx.Add(s0, Avx.LoadVector256(w));
                    s1 = Avx.Add(s1, Avx.LoadVector256(w + 8));
                    s2 = Avx.Add(s2, Avx.LoadVector256(w + 16));
                    s3 = Avx.Add(s3, Avx.LoadVector256(w + 24));
                }
                Avx.Store(dst + j, s0);
                Avx.Store(dst + j + 8, s1);
                Avx.Store(dst + j + 16, s2);
                Avx.Store(dst + j + 24, s3);
            }
            for (; j + 8 <= n; j += 8)
            {
                var s0 = accumulate ? Avx.LoadVector256(dst + j) : Vector256<float>.Zero;
                for (int q = 0; q < count; q++)
                {
                    s0 = Avx.Add(s0, Avx.LoadVector256(wt + (long)idx[q] * n + j));
                }
                Avx.Store(dst + j, s0);
            }
        }
        for (; j < n; j++)
        {
            float sum = accumulate ? dst[j] : 0f;
            for (int q = 0; q < count; q++)
            {
                sum += wt[(long)idx[q] * n + j];
            }
            dst[j] = sum;
        }
    }
}
