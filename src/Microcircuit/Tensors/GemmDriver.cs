using System.Runtime.Intrinsics.X86;

namespace Microcircuit.Tensors;

/// <summary>
/// The blocked, packed SGEMM loops (jc → pc → ic → jr → ir). Threads take disjoint rectangles of C and
/// run the same blocking on them, so each element of C is summed in the same order for any thread count.
/// </summary>
internal static unsafe class GemmDriver
{
    public static void Run(GemmLayout layout, float* a, float* b, float* c, int m, int n, int k, bool accumulate, int threads)
    {
        const int mr = GemmShape.MR, nr = GemmShape.NR;
        int rowTiles = (m + mr - 1) / mr;
        int colTiles = (n + nr - 1) / nr;
        int parts = Math.Min(threads, Math.Max(rowTiles, colTiles));
        if (parts <= 1)
        {
            Block(layout, a, b, c, m, n, k, 0, m, 0, n, accumulate);
            return;
        }

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
                Block(layout, (float*)pa, (float*)pb, (float*)pc, m, n, k, 0, m, t0 * step, Math.Min(n, t1 * step), accumulate);
            }
            else
            {
                Block(layout, (float*)pa, (float*)pb, (float*)pc, m, n, k, t0 * step, Math.Min(m, t1 * step), 0, n, accumulate);
            }
        });
    }

    private static void Block(GemmLayout layout, float* a, float* b, float* c, int m, int n, int k,
        int rowStart, int rowEnd, int colStart, int colEnd, bool accumulate)
    {
        const int mr = GemmShape.MR, nr = GemmShape.NR;
        int lda = layout.TransposeA ? m : k;
        int ldb = layout.TransposeB ? k : n;
        int ncMax = Math.Min(GemmShape.NC, RoundUp(colEnd - colStart, nr));
        int mcMax = Math.Min(GemmShape.MC, RoundUp(rowEnd - rowStart, mr));
        int kBlocks = (k + GemmShape.KC - 1) / GemmShape.KC;
        int kcMax = (k + kBlocks - 1) / kBlocks;
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
                    Macro(kc, mc, nc, packedA, packedB, c + (long)ic * n + jc, n, overwrite);
                }
            }
        }
    }

    private static void Macro(int kc, int mc, int nc, float* packedA, float* packedB, float* c, int ldc, bool overwrite)
    {
        const int mr = GemmShape.MR, nr = GemmShape.NR;
        float* edge = stackalloc float[mr * nr + 8];
        edge = (float*)(((nint)edge + 31) & ~(nint)31);
        for (int jr = 0; jr < nc; jr += nr)
        {
            int cols = Math.Min(nr, nc - jr);
            float* bPanel = packedB + (long)jr * kc;
            for (int ir = 0; ir < mc; ir += mr)
            {
                int rows = Math.Min(mr, mc - ir);
                float* aPanel = packedA + (long)ir * kc;
                float* cTile = c + (long)ir * ldc + jr;
                if (rows == mr && cols == nr)
                {
                    GemmMicroKernel.Run(kc, aPanel, bPanel, cTile, ldc, overwrite);
                    continue;
                }
                GemmMicroKernel.Run(kc, aPanel, bPanel, edge, nr, overwrite: true);
                for (int r = 0; r < rows; r++)
                {
                    float* dst = cTile + (long)r * ldc;
                    float* src = edge + r * nr;
                    for (int j = 0; j < cols; j++)
                    {
                        dst[j] = overwrite ? src[j] : dst[j] + src[j];
                    }
                }
            }
        }
    }

    public static bool UsesSimd => Fma.IsSupported;

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}
