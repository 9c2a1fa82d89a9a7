using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Microcircuit.Compute.Cpu;

/// <summary>
/// Packs an mc×kc block of A into MR-row micro-panels: panel-major, then k, then the MR rows, so the
/// micro-kernel reads MR consecutive floats per step. Panels are MR apart but may hold fewer rows (see
/// <see cref="PanelRows"/>); the unused row slots hold zeros or repeats of the panel's rows, never read
/// into C. The SIMD paths store 8 floats per MR-float step, so the destination needs <see cref="Slack"/>
/// spare floats at its end.
/// </summary>
internal static unsafe class PackA
{
    public const int Slack = 8;

    /// <summary>
    /// Rows in the next panel when <paramref name="remaining"/> rows are left: MR, except that a tail of
    /// 8 becomes 4 + 4 and a tail of 4 stays 4, so the 4-row kernel covers it without idle lanes.
    /// </summary>
    public static int PanelRows(int remaining) => remaining == 8 || remaining == 4 ? 4 : Math.Min(GemmShape.MR, remaining);

    /// <summary>
    /// Packs rows i0..i0+mc and depths p0..p0+kc of A, which is row-major [m×k] with ld = k or, when
    /// transposed, stored [k×m] with ld = m.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Pack(bool transposed, float* a, int ld, int i0, int mc, int p0, int kc, float* dst)
    {
        const int mr = GemmShape.MR;
        for (int i = 0, rows; i < mc; i += rows)
        {
            rows = PanelRows(mc - i);
            if (transposed)
            {
                bool wide = i0 + i + 8 <= ld;
                PanelFromColumns(a + (long)p0 * ld + i0 + i, ld, rows, kc, dst, wide);
            }
            else
            {
                PanelFromRows(a + (long)(i0 + i) * ld + p0, ld, rows, kc, dst);
            }
            dst += mr * kc;
        }
    }

    /// <summary>A row-major: element (r, p) at src[r*ld + p].</summary>
    private static void PanelFromRows(float* src, int ld, int rows, int kc, float* dst)
    {
        const int mr = GemmShape.MR;
        if (Avx.IsSupported)
        {
            int p = 0;
            for (; p + 8 <= kc; p += 8)
            {
                Transpose8.Run(src + p, ld, rows, dst, mr);
                dst += 8 * mr;
            }
            for (; p < kc; p++)
            {
                for (int r = 0; r < mr; r++)
                {
                    dst[r] = src[(long)Math.Min(r, rows - 1) * ld + p];
                }
                dst += mr;
            }
            return;
        }
        if (rows == mr)
        {
            float* r0 = src, r1 = src + ld, r2 = src + 2 * ld, r3 = src + 3 * ld, r4 = src + 4 * ld, r5 = src + 5 * ld;
            for (int p = 0; p < kc; p++)
            {
                dst[0] = r0[p];
                dst[1] = r1[p];
                dst[2] = r2[p];
                dst[3] = r3[p];
                dst[4] = r4[p];
                dst[5] = r5[p];
                dst += mr;
            }
            return;
        }
        for (int p = 0; p < kc; p++)
        {
            int r = 0;
            for (; r < rows; r++)
            {
                dst[r] = src[(long)r * ld + p];
            }
            for (; r < mr; r++)
            {
                dst[r] = 0f;
            }
            dst += mr;
        }
    }

    /// <summary>A stored transposed: element (r, p) at src[p*ld + r]. <c>wide</c>: 8 floats can be read at every step without leaving A.</summary>
    private static void PanelFromColumns(float* src, int ld, int rows, int kc, float* dst, bool wide)
    {
        const int mr = GemmShape.MR;
        if (rows == mr && wide && Avx.IsSupported)
        {
            for (int p = 0; p < kc; p++)
            {
                Avx.Store(dst, Avx.LoadVector256(src + (long)p * ld));
                dst += mr;
            }
            return;
        }
        for (int p = 0; p < kc; p++)
        {
            float* s = src + (long)p * ld;
            int r = 0;
            for (; r < rows; r++)
            {
                dst[r] = s[r];
            }
            for (; r < mr; r++)
            {
                dst[r] = 0f;
            }
            dst += mr;
        }
    }
}
