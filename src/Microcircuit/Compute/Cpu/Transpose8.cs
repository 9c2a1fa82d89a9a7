using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Microcircuit.Compute.Cpu;

/// <summary>
/// AVX 8×8 float transpose used by the packers. Reads <c>rows</c> rows of 8 floats (row stride ld; rows
/// past the count repeat the last one) and writes column q as 8 floats at dst + q·dstStride, in increasing
/// q, so a stride under 8 lets each store overwrite the previous one's surplus lanes.
/// </summary>
internal static unsafe class Transpose8
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Run(float* src, long ld, int rows, float* dst, int dstStride)
    {
        var r0 = Avx.LoadVector256(src);
        var r1 = Avx.LoadVector256(src + Math.Min(1, rows - 1) * ld);
        var r2 = Avx.LoadVector256(src + Math.Min(2, rows - 1) * ld);
        var r3 = Avx.LoadVector256(src + Math.Min(3, rows - 1) * ld);
        var r4 = Avx.LoadVector256(src + Math.Min(4, rows - 1) * ld);
        var r5 = Avx.LoadVector256(src + Math.Min(5, rows - 1) * ld);
        var r6 = Avx.LoadVector256(src + Math.Min(6, rows - 1) * ld);
        var r7 = Avx.LoadVector256(src + Math.Min(7, rows - 1) * ld);

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

        Avx.Store(dst, Avx.Permute2x128(s0, s4, 0x20));
        Avx.Store(dst + dstStride, Avx.Permute2x128(s1, s5, 0x20));
        Avx.Store(dst + 2 * dstStride, Avx.Permute2x128(s2, s6, 0x20));
        Avx.Store(dst + 3 * dstStride, Avx.Permute2x128(s3, s7, 0x20));
        Avx.Store(dst + 4 * dstStride, Avx.Permute2x128(s0, s4, 0x31));
        Avx.Store(dst + 5 * dstStride, Avx.Permute2x128(s1, s5, 0x31));
        Avx.Store(dst + 6 * dstStride, Avx.Permute2x128(s2, s6, 0x31));
        Avx.Store(dst + 7 * dstStride, Avx.Permute2x128(s3, s7, 0x31));
    }
}
