namespace Microcircuit.Compute.Cpu;

/// <summary>How the operands are stored: which of A and B is held transposed.</summary>
internal readonly record struct GemmLayout(bool TransposeA, bool TransposeB)
{
    public static GemmLayout NN => new(false, false);
    public static GemmLayout NT => new(false, true);
    public static GemmLayout TN => new(true, false);
}
