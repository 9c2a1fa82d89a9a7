using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Microcircuit.Tensors;

/// <summary>
/// Packs a kc×nc block of B into NR-column micro-panels: panel-major, then k, then the NR columns, so the
/// micro-kernel reads two aligned Vector256 per step. Columns past the block edge are zero.
/// </summary>
internal static unsafe class PackB
{
    // b: B, row-major [k×n] or, when transposed, [n×k].
    // ld: Leading dimension: n for row-major B, k for transposed B.
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
                Transpose8x8(src + p, ld, dst + p * nr);
                Transpose8x8(src + 8L * ld + p, ld, dst + p * nr + 8);
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

    /// <summary>Reads 8 rows × 8 floats at src (row stride ld) and writes their transpose with row stride NR.</summary>
    private static void Transpose8x8(float* src, int ld, float* dst)
    {
        const int nr = GemmShape.NR;
        var r0 = Avx.LoadVector256(src);
        var r1 = Avx.LoadVector256(src + ld);
        var r2 = Avx.LoadVector256(src + 2L * ld);
        var r3 = Avx.LoadVector256(src + 3L * ld);
        var r4 = Avx.LoadVector256(src + 4L * ld);
        var r5 = Avx.LoadVector256(src + 5L * ld);
        var r6 = Avx.LoadVector256(src + 6L * ld);
        var r7 = Avx.LoadVector256(src + 7L * ld);

        var t0 = Avx.UnpackLow(r0, r1);
        var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3);
        var t3 = Avx.UnpackHigh(r2, r3);
        var t4 = Avx.UnpackLow(r4, r5);
        var t5 = Avx.UnpackHigh(r4, r5);
        var t6 = Avx.UnpackLow(r6, r7);
        var t7 = Avx.UnpackHigh(r6, r7);

        var s0 = Avx.Shuffle(t0, t2, 0x44);
        var s1 = Avx.Shuffle(t0, t2, 0xEE);
        var s2 = Avx.Shuffle(t1, t3, 0x44);
        var s3 = Avx.Shuffle(t1, t3, 0xEE);
        var s4 = Avx.Shuffle(t4, t6, 0x44);
        var s5 = Avx.Shuffle(t4, t6, 0xEE);
        var s6 = Avx.Shuffle(t5, t7, 0x44);
        var s7 = Avx.Shuffle(t5, t7, 0xEE);

        Avx.StoreAligned(dst, Avx.Permute2x128(s0, s4, 0x20));
        Avx.StoreAligned(dst + nr, Avx.Permute2x128(s1, s5, 0x20));
        Avx.StoreAligned(dst + 2 * nr, Avx.Permute2x128(s2, s6, 0x20));
        Avx.StoreAligned(dst + 3 * nr, Avx.Permute2x128(s3, s7, 0x20));
        Avx.StoreAligned(dst + 4 * nr, Avx.Permute2x128(s0, s4, 0x31));
        Avx.StoreAligned(dst + 5 * nr, Avx.Permute2x128(s1, s5, 0x31));
        Avx.StoreAligned(dst + 6 * nr, Avx.Permute2x128(s2, s6, 0x31));
        Avx.StoreAligned(dst + 7 * nr, Avx.Permute2x128(s3, s7, 0x31));
    }
}
