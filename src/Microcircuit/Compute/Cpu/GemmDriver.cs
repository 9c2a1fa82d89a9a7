using System.Runtime.CompilerServices;

namespace Microcircuit.Compute.Cpu;

/// <summary>
/// The blocked, packed SGEMM loops (jc → pc → ic → jr → ir). Threads take disjoint rectangles of C and
/// run the same blocking on them, so each element of C is summed in the same order for any thread count.
/// When C is narrower than a register tile it computes Cᵀ = op(B)ᵀ·op(A)ᵀ instead and stores tiles
/// transposed, which wastes fewer lanes.
/// </summary>
internal static unsafe class GemmDriver
{
    public static void Run(GemmLayout layout, float* a, float* b, float* c, int m, int n, int k, bool accumulate, int threads)
    {
        const int mr = GemmShape.MR, nr = GemmShape.NR;
        bool transposeC = n < nr && (long)RoundUp(n, mr) * RoundUp(m, nr) < (long)RoundUp(m, mr) * RoundUp(n, nr);
        if (transposeC)
        {
            float* t = a;
            a = b;
            b = t;
            (m, n) = (n, m);
            layout = new GemmLayout(!layout.TransposeB, !layout.TransposeA);
        }

        int rowTiles = (m + mr - 1) / mr;
        int colTiles = (n + nr - 1) / nr;
        int parts = Parts(m, n, k, threads);
        if (parts <= 1)
        {
            Block(layout, a, b, c, transposeC, m, n, k, 0, m, 0, n, accumulate);
            return;
        }

        Split(layout, a, b, c, transposeC, m, n, k, accumulate, parts, rowTiles, colTiles);
    }

    /// <summary>
    /// Multiply-adds one thread should have before a product is split: the per-step products of a spiking layer (e.g.
    /// 128×800×10, 1 M) cost less than handing them to the thread pool, which on this project's machine made two
    /// threads slower than one. Splitting never changes the result (each thread runs the same blocking on its part).
    /// </summary>
    public const long MinMultiplyAddsPerThread = 4_000_000;

    /// <summary>How many threads an m×n×k product runs on, given <paramref name="threads"/> (after any transpose of C).</summary>
    internal static int Parts(int m, int n, int k, int threads)
    {
        int tiles = Math.Max((m + GemmShape.MR - 1) / GemmShape.MR, (n + GemmShape.NR - 1) / GemmShape.NR);
        long worth = Math.Max(1, (long)m * n * k / MinMultiplyAddsPerThread);
        return (int)Math.Min(Math.Min(threads, tiles), worth);
    }

    /// <summary>Runs the parallel case apart, so the single-threaded path allocates no closure.</summary>
    private static void Split(GemmLayout layout, float* a, float* b, float* c, bool transposeC, int m, int n, int k,
        bool accumulate, int parts, int rowTiles, int colTiles)
    {
        const int mr = GemmShape.MR, nr = GemmShape.NR;
        nint pa = (nint)a, pb = (nint)b, pc = (nint)c;
        bool splitColumns = colTiles >= rowTiles;
        int tiles = splitColumns ? colTiles : rowTiles;
        int step = splitColumns ? nr : mr;
        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, part =>
        {
            int t0 = (int)((long)tiles * part / parts);
            int t1 = (int)((long)tiles * (part + 1) / parts);
            if (splitColumns)
            {
                Block(layout, (float*)pa, (float*)pb, (float*)pc, transposeC, m, n, k, 0, m, t0 * step, Math.Min(n, t1 * step), accumulate);
            }
            else
            {
                Block(layout, (float*)pa, (float*)pb, (float*)pc, transposeC, m, n, k, t0 * step, Math.Min(m, t1 * step), 0, n, accumulate);
            }
        });
    }

    /// <summary>C element (i, j) lives at c[i·n + j], or at c[j·m + i] when <paramref name="transposeC"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block(GemmLayout layout, float* a, float* b, float* c, bool transposeC, int m, int n, int k,
        int rowStart, int rowEnd, int colStart, int colEnd, bool accumulate)
    {
        const int mr = GemmShape.MR, nr = GemmShape.NR;
        int lda = layout.TransposeA ? m : k;
        int ldb = layout.TransposeB ? k : n;
        int rowStride = transposeC ? 1 : n;
        int colStride = transposeC ? m : 1;
        int ncMax = Math.Min(GemmShape.NC, RoundUp(colEnd - colStart, nr));
        int mcMax = Math.Min(GemmShape.MC, RoundUp(rowEnd - rowStart, mr));
        int kcMax = DepthBlock(k);
        float* packedB = PackBuffer.B(ncMax * kcMax);
        float* packedA = PackBuffer.A(mcMax * kcMax + PackA.Slack);

        for (int jc = colStart; jc < colEnd; jc += GemmShape.NC)
        {
            int nc = Math.Min(GemmShape.NC, colEnd - jc);
            for (int pc = 0; pc < k; pc += kcMax)
            {
                int kc = Math.Min(kcMax, k - pc);
                PackB.Pack(layout.TransposeB, b, ldb, jc, nc, pc, kc, packedB);
                bool overwrite = !accumulate && pc == 0;
                for (int ic = rowStart; ic < rowEnd; ic += GemmShape.MC)
                {
                    int mc = Math.Min(GemmShape.MC, rowEnd - ic);
                    PackA.Pack(layout.TransposeA, a, lda, ic, mc, pc, kc, packedA);
                    float* cBlock = c + (long)ic * rowStride + (long)jc * colStride;
                    Macro(kc, mc, nc, packedA, packedB, cBlock, rowStride, colStride, overwrite);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Macro(int kc, int mc, int nc, float* packedA, float* packedB, float* c, int rowStride, int colStride, bool overwrite)
    {
        const int mr = GemmShape.MR, nr = GemmShape.NR;
        float* edge = stackalloc float[mr * nr + 8];
        edge = (float*)(((nint)edge + 31) & ~(nint)31);
        for (int jr = 0; jr < nc; jr += nr)
        {
            int cols = Math.Min(nr, nc - jr);
            float* bPanel = packedB + (long)jr * kc;
            float* aPanel = packedA;
            for (int ir = 0, rows; ir < mc; ir += rows, aPanel += mr * kc)
            {
                rows = PackA.PanelRows(mc - ir);
                float* cTile = c + (long)ir * rowStride + (long)jr * colStride;
                if (cols == nr && colStride == 1 && rows == mr)
                {
                    GemmMicroKernel.Run(kc, aPanel, bPanel, cTile, rowStride, overwrite);
                    continue;
                }
                if (cols == nr && colStride == 1 && rows == 4)
                {
                    GemmMicroKernel.Run4(kc, aPanel, bPanel, cTile, rowStride, overwrite);
                    continue;
                }
                GemmMicroKernel.Run(kc, aPanel, bPanel, edge, nr, overwrite: true);
                TileScatter.Run(edge, rows, cols, cTile, rowStride, colStride, overwrite);
            }
        }
    }

    /// <summary>Splits k into equal blocks no deeper than KC (a short last block would waste C traffic).</summary>
    internal static int DepthBlock(int k)
    {
        int blocks = (k + GemmShape.KC - 1) / GemmShape.KC;
        return (k + blocks - 1) / blocks;
    }

    internal static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}
