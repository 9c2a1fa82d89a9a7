using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Microcircuit.Compute.Cpu;

/// <summary>
/// Products that do not repay packing: small ones, and those whose C is narrower than a register tile.
/// NN and TN run the 6×16 tile straight off A and the rows of B (packing only ragged edge panels); a
/// narrow NT runs 4×3 tiles of dot products along k, and so does a narrow NN after transposing its small
/// B; a narrow TN computes Cᵀ = Bᵀ·A with the 6×16 tile. Single-threaded, so results never depend on
/// the thread count.
/// </summary>
internal static unsafe class GemmUnpacked
{
    /// <summary>Below this depth a dot product is too short to beat the register tile.</summary>
    private const int MinDotDepth = 32;

    /// <summary>Whether <see cref="Run"/> should take this product rather than the packed driver.</summary>
    public static bool Suits(GemmLayout layout, int m, int n, int k)
    {
        if (!Fma.IsSupported)
        {
            return (long)m * n * k <= GemmShape.SmallWork;
        }
        if (n < GemmShape.NR && k >= MinDotDepth)
        {
            return true;
        }
        return !layout.TransposeB && (long)m * n * k <= GemmShape.SmallWork;
    }

    public static void Run(GemmLayout layout, float* a, float* b, float* c, int m, int n, int k, bool accumulate)
    {
        if (!Fma.IsSupported)
        {
            GemmScalar.Run(layout, a, b, c, m, n, k, accumulate);
        }
        else if (layout.TransposeB)
        {
            Dots(a, b, c, m, n, k, accumulate);
        }
        else if (n < GemmShape.NR && k >= MinDotDepth && !layout.TransposeA)
        {
            float* bt = PackBuffer.B(n * k);
            for (int p = 0; p < k; p++)
            {
                for (int j = 0; j < n; j++)
                {
                    bt[(long)j * k + p] = b[(long)p * n + j];
                }
            }
            Dots(a, bt, c, m, n, k, accumulate);
        }
        else if (n < GemmShape.NR && k >= MinDotDepth)
        {
            Tiles(transposeA: true, b, a, c, n, m, k, accumulate, 1, n);
        }
        else
        {
            Tiles(layout.TransposeA, a, b, c, m, n, k, accumulate, n, 1);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Dots(float* a, float* b, float* c, int m, int n, int k, bool accumulate)
    {
        const int rows = GemmDotKernel.Rows, cols = GemmDotKernel.Cols;
        for (int i = 0; i < m; i += rows)
        {
            int r = Math.Min(rows, m - i);
            for (int j = 0; j < n; j += cols)
            {
                GemmDotKernel.Run(k, a + (long)i * k, k, r, b + (long)j * k, k, Math.Min(cols, n - j), c + (long)i * n + j, n, accumulate);
            }
        }
    }

    /// <summary>The 6×16 tile over A (row-major or transposed) and row-major B; C element (i, j) at c[i·rowStride + j·colStride].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tiles(bool transposeA, float* a, float* b, float* c, int m, int n, int k, bool accumulate, int rowStride, int colStride)
    {
        const int mr = GemmShape.MR, nr = GemmShape.NR;
        long rowStep = transposeA ? 1 : k;
        long colStep = transposeA ? m : 1;
        int lda = transposeA ? m : k;
        int kcMax = GemmDriver.DepthBlock(k);
        int fullRows = m / mr * mr;
        float* edgeA = PackBuffer.A(mr * kcMax + PackA.Slack);
        float* edgeB = PackBuffer.B(nr * kcMax);
        float* tile = stackalloc float[mr * nr];

        for (int pc = 0; pc < k; pc += kcMax)
        {
            int kc = Math.Min(kcMax, k - pc);
            bool overwrite = !accumulate && pc == 0;
            if (fullRows < m)
            {
                PackA.Pack(transposeA, a, lda, fullRows, m - fullRows, pc, kc, edgeA);
            }
            for (int jr = 0; jr < n; jr += nr)
            {
                int cols = Math.Min(nr, n - jr);
                float* bPanel = b + (long)pc * n + jr;
                long ldb = n;
                if (cols < nr)
                {
                    PackB.Pack(false, b, n, jr, cols, pc, kc, edgeB);
                    bPanel = edgeB;
                    ldb = nr;
                }
                for (int ir = 0; ir < m; ir += mr)
                {
                    int rows = Math.Min(mr, m - ir);
                    float* cTile = c + (long)ir * rowStride + (long)jr * colStride;
                    bool full = rows == mr && cols == nr && colStride == 1;
                    float* dst = full ? cTile : tile;
                    int ldc = full ? rowStride : nr;
                    bool store = !full || overwrite;
                    if (rows == mr)
                    {
                        GemmDirectKernel.Run(kc, a + ir * rowStep + pc * colStep, rowStep, colStep, bPanel, ldb, dst, ldc, store);
                    }
                    else
                    {
                        GemmDirectKernel.Run(kc, edgeA, 1, mr, bPanel, ldb, dst, ldc, store);
                    }
                    if (!full)
                    {
                        TileScatter.Run(tile, rows, cols, cTile, rowStride, colStride, overwrite);
                    }
                }
            }
        }
    }
}
