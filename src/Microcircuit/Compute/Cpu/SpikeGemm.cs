using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Microcircuit.Compute.Cpu;

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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

    /// <summary>
    /// dst (+)= Σ over the listed rows of Wt, in list order. Rows are taken four at a time and streamed
    /// whole (prefetch-friendly), with dst loaded and stored once per group.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void SumRows(float* wt, int n, int* idx, int count, float* dst, bool accumulate)
    {
        if (!accumulate)
        {
            new Span<float>(dst, n).Clear();
        }
        int q = 0;
        for (; q + 4 <= count; q += 4)
        {
            float* w0 = wt + (long)idx[q] * n;
            float* w1 = wt + (long)idx[q + 1] * n;
            float* w2 = wt + (long)idx[q + 2] * n;
            float* w3 = wt + (long)idx[q + 3] * n;
            int j = 0;
            if (Avx.IsSupported)
            {
                for (; j + 8 <= n; j += 8)
                {
                    var v = Avx.Add(Avx.LoadVector256(dst + j), Avx.LoadVector256(w0 + j));
                    v = Avx.Add(v, Avx.LoadVector256(w1 + j));
                    v = Avx.Add(v, Avx.LoadVector256(w2 + j));
                    Avx.Store(dst + j, Avx.Add(v, Avx.LoadVector256(w3 + j)));
                }
            }
            for (; j < n; j++)
            {
                dst[j] = dst[j] + w0[j] + w1[j] + w2[j] + w3[j];
            }
        }
        for (; q < count; q++)
        {
            float* w = wt + (long)idx[q] * n;
            int j = 0;
            if (Avx.IsSupported)
            {
                for (; j + 8 <= n; j += 8)
                {
                    Avx.Store(dst + j, Avx.Add(Avx.LoadVector256(dst + j), Avx.LoadVector256(w + j)));
                }
            }
            for (; j < n; j++)
            {
                dst[j] += w[j];
            }
        }
    }
}
