using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Microcircuit.Compute.Cpu;

/// <summary>
/// The 6×16 register tile without packing: A element (r, p) is read at a + r·rowStep + p·colStep (so A may
/// be row-major or transposed), and row p of the B panel is 16 contiguous floats at b + p·ldb. Sums from
/// zero over kc, then stores into or adds to C. Needs FMA; callers fall back otherwise.
/// </summary>
internal static unsafe class GemmDirectKernel
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, float* a, long rowStep, long colStep, float* b, long ldb, float* c, int ldc, bool overwrite)
    {
        float* a0 = a, a1 = a + rowStep, a2 = a + 2 * rowStep, a3 = a + 3 * rowStep, a4 = a + 4 * rowStep, a5 = a + 5 * rowStep;
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector256<float> c20 = default, c21 = default, c30 = default, c31 = default;
        Vector256<float> c40 = default, c41 = default, c50 = default, c51 = default;

        long off = 0;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Avx.LoadVector256(b);
            var b1 = Avx.LoadVector256(b + 8);
            var x = Vector256.Create(a0[off]);
            c00 = Fma.MultiplyAdd(x, b0, c00);
            c01 = Fma.MultiplyAdd(x, b1, c01);
            x = Vector256.Create(a1[off]);
            c10 = Fma.MultiplyAdd(x, b0, c10);
            c11 = Fma.MultiplyAdd(x, b1, c11);
            x = Vector256.Create(a2[off]);
            c20 = Fma.MultiplyAdd(x, b0, c20);
            c21 = Fma.MultiplyAdd(x, b1, c21);
            x = Vector256.Create(a3[off]);
            c30 = Fma.MultiplyAdd(x, b0, c30);
            c31 = Fma.MultiplyAdd(x, b1, c31);
            x = Vector256.Create(a4[off]);
            c40 = Fma.MultiplyAdd(x, b0, c40);
            c41 = Fma.MultiplyAdd(x, b1, c41);
            x = Vector256.Create(a5[off]);
            c50 = Fma.MultiplyAdd(x, b0, c50);
            c51 = Fma.MultiplyAdd(x, b1, c51);
            off += colStep;
            b += ldb;
        }

        if (overwrite)
        {
            Store(c, c00, c01); c += ldc;
            Store(c, c10, c11); c += ldc;
            Store(c, c20, c21); c += ldc;
            Store(c, c30, c31); c += ldc;
            Store(c, c40, c41); c += ldc;
            Store(c, c50, c51);
        }
        else
        {
            Add(c, c00, c01); c += ldc;
            Add(c, c10, c11); c += ldc;
            Add(c, c20, c21); c += ldc;
            Add(c, c30, c31); c += ldc;
            Add(c, c40, c41); c += ldc;
            Add(c, c50, c51);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* c, Vector256<float> lo, Vector256<float> hi)
    {
        Avx.Store(c, lo);
        Avx.Store(c + 8, hi);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add(float* c, Vector256<float> lo, Vector256<float> hi)
    {
        Avx.Store(c, Avx.Add(Avx.LoadVector256(c), lo));
        Avx.Store(c + 8, Avx.Add(Avx.LoadVector256(c + 8), hi));
    }
}
