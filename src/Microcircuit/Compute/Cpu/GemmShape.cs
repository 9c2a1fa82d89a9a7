namespace Microcircuit.Compute.Cpu;

/// <summary>Register-tile and cache-block sizes shared by the packed SGEMM path.</summary>
internal static class GemmShape
{
    /// <summary>Rows of C per micro-tile (broadcast lanes of packed A).</summary>
    public const int MR = 6;

    /// <summary>Columns of C per micro-tile (two Vector256 of packed B).</summary>
    public const int NR = 16;

    /// <summary>Largest depth of one packed block (a kc×NR panel of B stays in L1); k is split into equal blocks no deeper.</summary>
    public const int KC = 256;

    /// <summary>Rows of A packed at once (an MC×KC block stays in L2).</summary>
    public const int MC = 144;

    /// <summary>Columns of B packed at once (a KC×NC block stays in L2/L3).</summary>
    public const int NC = 2048;

    /// <summary>Up to this many multiply-adds the unpacked kernels win over packing.</summary>
    public const long SmallWork = 1_000_000;
}
