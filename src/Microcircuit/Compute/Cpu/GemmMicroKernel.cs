using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Microcircuit.Compute.Cpu;

/// <summary>
/// The 6×16 register tile: twelve Vector256 accumulators fed by a packed A micro-panel (6 floats per k,
/// broadcast) and a packed B micro-panel (16 floats per k). It sums from zero over the panel depth and then
/// either stores into C or adds to it, so every element's rounding is the same wherever the tile is computed.
/// </summary>
internal static unsafe class GemmMicroKernel
{
    public static void Run(int kc, float* a, float* b, float* c, int ldc, bool overwrite)
    {
        if (Fma.IsSupported)
        {
            RunFma(kc, a, b, c, ldc, overwrite);
        }
        else
        {
            RunScalar(kc, a, b, c, ldc, overwrite);
        }
    }

    /// <summary>
    /// The 4×16 tile over a panel packed MR apart (its first 4 rows). Eight accumulators still hide the
    /// FMA latency, so 4-row tails cost 4/6 of a full tile. Each element is summed exactly as in <see cref="Run"/>.
    /// </summary>
    public static void Run4(int kc, float* a, float* b, float* c, int ldc, bool overwrite)
    {
        if (Fma.IsSupported)
        {
            RunFma4(kc, a, b, c, ldc, overwrite);
        }
        else
        {
            const int mr = GemmShape.MR, nr = GemmShape.NR;
            float* tile = stackalloc float[mr * nr];
            RunScalar(kc, a, b, tile, nr, overwrite: true);
            TileScatter.Run(tile, 4, nr, c, ldc, 1, overwrite);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RunFma4(int kc, float* a, float* b, float* c, int ldc, bool overwrite)
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector256<float> c20 = default, c21 = default, c30 = default, c31 = default;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Avx.LoadAlignedVector256(b);
            var b1 = Avx.LoadAlignedVector256(b + 8);
            var x = Vector256.Create(a[0]);
            c00 = Fma.MultiplyAdd(x, b0, c00);
            c01 = Fma.MultiplyAdd(x, b1, c01);
            x = Vector256.Create(a[1]);
            c10 = Fma.MultiplyAdd(x, b0, c10);
            c11 = Fma.MultiplyAdd(x, b1, c11);
            x = Vector256.Create(a[2]);
            c20 = Fma.MultiplyAdd(x, b0, c20);
            c21 = Fma.MultiplyAdd(x, b1, c21);
            x = Vector256.Create(a[3]);
            c30 = Fma.MultiplyAdd(x, b0, c30);
            c31 = Fma.MultiplyAdd(x, b1, c31);
            a += GemmShape.MR;
            b += GemmShape.NR;
        }
        if (overwrite)
        {
            Store(c, c00, c01); c += ldc;
            Store(c, c10, c11); c += ldc;
            Store(c, c20, c21); c += ldc;
            Store(c, c30, c31);
        }
        else
        {
            Add(c, c00, c01); c += ldc;
            Add(c, c10, c11); c += ldc;
            Add(c, c20, c21); c += ldc;
            Add(c, c30, c31);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RunFma(int kc, float* a, float* b, float* c, int ldc, bool overwrite)
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector256<float> c20 = default, c21 = default, c30 = default, c31 = default;
        Vector256<float> c40 = default, c41 = default, c50 = default, c51 = default;

        int p = 0;
        for (; p + 1 < kc; p += 2)
        {
            var b0 = Avx.LoadAlignedVector256(b);
            var b1 = Avx.LoadAlignedVector256(b + 8);
            var x = Vector256.Create(a[0]);
            c00 = Fma.MultiplyAdd(x, b0, c00);
            c01 = Fma.MultiplyAdd(x, b1, c01);
            x = Vector256.Create(a[1]);
            c10 = Fma.MultiplyAdd(x, b0, c10);
            c11 = Fma.MultiplyAdd(x, b1, c11);
            x = Vector256.Create(a[2]);
            c20 = Fma.MultiplyAdd(x, b0, c20);
            c21 = Fma.MultiplyAdd(x, b1, c21);
            x = Vector256.Create(a[3]);
            c30 = Fma.MultiplyAdd(x, b0, c30);
            c31 = Fma.MultiplyAdd(x, b1, c31);
            x = Vector256.Create(a[4]);
            c40 = Fma.MultiplyAdd(x, b0, c40);
            c41 = Fma.MultiplyAdd(x, b1, c41);
            x = Vector256.Create(a[5]);
            c50 = Fma.MultiplyAdd(x, b0, c50);
            c51 = Fma.MultiplyAdd(x, b1, c51);

            b0 = Avx.LoadAlignedVector256(b + 16);
            b1 = Avx.LoadAlignedVector256(b + 24);
            x = Vector256.Create(a[6]);
            c00 = Fma.MultiplyAdd(x, b0, c00);
            c01 = Fma.MultiplyAdd(x, b1, c01);
            x = Vector256.Create(a[7]);
            c10 = Fma.MultiplyAdd(x, b0, c10);
            c11 = Fma.MultiplyAdd(x, b1, c11);
            x = Vector256.Create(a[8]);
            c20 = Fma.MultiplyAdd(x, b0, c20);
            c21 = Fma.MultiplyAdd(x, b1, c21);
            x = Vector256.Create(a[9]);
            c30 = Fma.MultiplyAdd(x, b0, c30);
            c31 = Fma.MultiplyAdd(x, b1, c31);
            x = Vector256.Create(a[10]);
            c40 = Fma.MultiplyAdd(x, b0, c40);
            c41 = Fma.MultiplyAdd(x, b1, c41);
            x = Vector256.Create(a[11]);
            c50 = Fma.MultiplyAdd(x, b0, c50);
            c51 = Fma.MultiplyAdd(x, b1, c51);

            a += 12;
            b += 32;
        }
        if (p < kc)
        {
            var b0 = Avx.LoadAlignedVector256(b);
            var b1 = Avx.LoadAlignedVector256(b + 8);
            var x = Vector256.Create(a[0]);
            c00 = Fma.MultiplyAdd(x, b0, c00);
            c01 = Fma.MultiplyAdd(x, b1, c01);
            x = Vector256.Create(a[1]);
            c10 = Fma.MultiplyAdd(x, b0, c10);
            c11 = Fma.MultiplyAdd(x, b1, c11);
            x = Vector256.Create(a[2]);
            c20 = Fma.MultiplyAdd(x, b0, c20);
            c21 = Fma.MultiplyAdd(x, b1, c21);
            x = Vector256.Create(a[3]);
            c30 = Fma.MultiplyAdd(x, b0, c30);
            c31 = Fma.MultiplyAdd(x, b1, c31);
            x = Vector256.Create(a[4]);
            c40 = Fma.MultiplyAdd(x, b0, c40);
            c41 = Fma.MultiplyAdd(x, b1, c41);
            x = Vector256.Create(a[5]);
            c50 = Fma.MultiplyAdd(x, b0, c50);
            c51 = Fma.MultiplyAdd(x, b1, c51);
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

    private static void RunScalar(int kc, float* a, float* b, float* c, int ldc, bool overwrite)
    {
        const int mr = GemmShape.MR, nr = GemmShape.NR;
        float* acc = stackalloc float[mr * nr];
        new Span<float>(acc, mr * nr).Clear();
        for (int p = 0; p < kc; p++)
        {
            for (int r = 0; r < mr; r++)
            {
                float x = a[r];
                float* row = acc + r * nr;
                for (int j = 0; j < nr; j++)
                {
                    row[j] += x * b[j];
                }
            }
            a += mr;
            b += nr;
        }
        for (int r = 0; r < mr; r++)
        {
            float* dst = c + r * ldc;
            float* src = acc + r * nr;
            for (int j = 0; j < nr; j++)
            {
                dst[j] = overwrite ? src[j] : dst[j] + src[j];
            }
        }
    }
}
