using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Microcircuit.Compute.Cpu;

/// <summary>
/// Packs a kc×nc block of B into NR-column micro-panels: panel-major, then k, then the NR columns, so the
/// micro-kernel reads two aligned Vector256 per step. Columns past the block edge are zero.
/// </summary>
internal static unsafe class PackB
{
    /// <summary>
    /// Packs columns j0..j0+nc and depths p0..p0+kc of B, which is row-major [k×n] with ld = n or, when
    /// transposed, stored [n×k] with ld = k.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Pack(bool transposed, float* b, int ld, int j0, int nc, int p0, int kc, float* dst)
    {
        const int nr = GemmShape.NR;
        for (int j = 0; j < nc; j += nr)
        {
            int cols = Math.Min(nr, nc - j);
            if (transposed)
            {
                PanelFromRows(b + (long)(j0 + j) * ld + p0, ld, cols, kc, dst);
            }
            else
            {
                PanelFromColumns(b + (long)p0 * ld + j0 + j, ld, cols, kc, dst);
            }
            dst += nr * kc;
        }
    }

    /// <summary>B row-major: element (p, c) at src[p*ld + c]; a panel row is a contiguous copy.</summary>
    private static void PanelFromColumns(float* src, int ld, int cols, int kc, float* dst)
    {
        const int nr = GemmShape.NR;
        if (cols == nr && Avx.IsSupported)
        {
            for (int p = 0; p < kc; p++)
            {
                float* s = src + (long)p * ld;
                Avx.StoreAligned(dst, Avx.LoadVector256(s));
                Avx.StoreAligned(dst + 8, Avx.LoadVector256(s + 8));
                dst += nr;
            }
            return;
        }
        for (int p = 0; p < kc; p++)
        {
            float* s = src + (long)p * ld;
            int c = 0;
            for (; c < cols; c++)
            {
                dst[c] = s[c];
            }
            for (; c < nr; c++)
            {
                dst[c] = 0f;
            }
            dst += nr;
        }
    }

    /// <summary>B stored transposed: element (p, c) at src[c*ld + p]; packing transposes 8×8 tiles.</summary>
    private static void PanelFromRows(float* src, int ld, int cols, int kc, float* dst)
    {
        const int nr = GemmShape.NR;
        int p = 0;
        if (cols == nr && Avx.IsSupported)
        {
            for (; p + 8 <= kc; p += 8)
            {
                Transpose8.Run(src + p, ld, 8, dst + p * nr, nr);
                Transpose8.Run(src + 8L * ld + p, ld, 8, dst + p * nr + 8, nr);
            }
        }
        for (; p < kc; p++)
        {
            float* d = dst + p * nr;
            int c = 0;
            for (; c < cols; c++)
            {
                d[c] = src[(long)c * ld + p];
            }
            for (; c < nr; c++)
            {
                d[c] = 0f;
            }
        }
    }
}
