using System.Runtime.CompilerServices;

namespace Microcircuit.Compute.Cpu;

/// <summary>Stores or adds the valid rows×cols corner of an MR×NR register tile into C with any strides.</summary>
internal static unsafe class TileScatter
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(float* tile, int rows, int cols, float* c, long rowStride, long colStride, bool overwrite)
    {
        const int nr = GemmShape.NR;
        for (int r = 0; r < rows; r++)
        {
            float* dst = c + r * rowStride;
            float* src = tile + r * nr;
            if (overwrite)
            {
                for (int j = 0; j < cols; j++)
                {
                    dst[j * colStride] = src[j];
                }
            }
            else
            {
                for (int j = 0; j < cols; j++)
                {
                    dst[j * colStride] += src[j];
                }
            }
        }
    }
}
