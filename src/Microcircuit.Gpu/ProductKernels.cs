using ILGPU;

namespace Microcircuit.Gpu;

/// <summary>
/// Matrix products on the device: c(i, j) (+)= Σ_p a(i, p)·b(p, j) for C [m × n], with A and B read through strides, so
/// one kernel serves every layout (A as [m × k] or its transpose, B likewise); and the event-driven spike product. The
/// X of an index or a grid is the column j, so neighbouring threads write neighbouring elements of C.
/// </summary>
internal static class ProductKernels
{
    /// <summary>One thread per element of C, summing over p in ascending order (for a device whose groups are small, where the tiled kernel's barriers cost more than they save: ILGPU's CPU accelerator).</summary>
    public static void Gemm(Index2D ij, ArrayView<float> a, ArrayView<float> b, ArrayView<float> c, int n, int k,
        int aRow, int aColumn, int bRow, int bColumn, int accumulate)
    {
        int i = ij.Y, j = ij.X;
        float s = 0f;
        for (int p = 0; p < k; p++) s += a[i * aRow + p * aColumn] * b[p * bRow + j * bColumn];
        int at = i * n + j;
        c[at] = accumulate != 0 ? c[at] + s : s;
    }

    /// <summary>The largest side of a square tile of C that one group of <see cref="TiledGemm"/> computes (Tile² threads).</summary>
    public const int Tile = 16;

    /// <summary>
    /// The product, tiled: a group of t × t threads (t = the group's width, at most <see cref="Tile"/>: 16 on a GPU, less
    /// where a device's groups are smaller) computes a t × t block of C, loading a t-wide slab of A's rows and B's columns
    /// into shared memory at a time, so each element of A and B is read from global memory once per tile instead of once
    /// per element of C. Each thread sums over p in ascending order, so the tile size does not change the bits. Launched on
    /// a grid of ⌈n/t⌉ × ⌈m/t⌉ groups.
    /// </summary>
    [GroupedKernel]
    public static void TiledGemm(ArrayView<float> a, ArrayView<float> b, ArrayView<float> c, int m, int n, int k,
        int aRow, int aColumn, int bRow, int bColumn, int accumulate)
    {
        var tileA = SharedMemory.Allocate<float>(Tile * Tile);
        var tileB = SharedMemory.Allocate<float>(Tile * Tile);
        int t = Group.DimX, tx = Group.IdxX, ty = Group.IdxY;
        int j = Grid.IdxX * t + tx, i = Grid.IdxY * t + ty;
        float s = 0f;
        for (int p0 = 0; p0 < k; p0 += t)
        {
            int pa = p0 + tx, pb = p0 + ty;
            tileA[ty * t + tx] = i < m && pa < k ? a[i * aRow + pa * aColumn] : 0f;
            tileB[ty * t + tx] = pb < k && j < n ? b[pb * bRow + j * bColumn] : 0f;
            Group.Barrier();
            int end = k - p0 < t ? k - p0 : t;
            for (int q = 0; q < end; q++) s += tileA[ty * t + q] * tileB[q * t + tx];
            Group.Barrier();
        }
        if (i < m && j < n)
        {
            int at = i * n + j;
            c[at] = accumulate != 0 ? c[at] + s : s;
        }
    }

    /// <summary>C (+)= S·W for 0/1 spikes S [m × k] and W [k × n]: only the rows of W whose input spiked are added.</summary>
    public static void SpikeGemm(Index2D ij, ArrayView<float> spikes, ArrayView<float> w, ArrayView<float> c, int n, int k, int accumulate)
    {
        int i = ij.Y, j = ij.X;
        float s = 0f;
        for (int p = 0; p < k; p++)
            if (spikes[i * k + p] != 0f) s += spikes[i * k + p] * w[p * n + j];
        int at = i * n + j;
        c[at] = accumulate != 0 ? c[at] + s : s;
    }
}
