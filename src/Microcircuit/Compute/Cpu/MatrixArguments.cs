namespace Microcircuit.Compute.Cpu;

/// <summary>Checks the dimensions and span lengths handed to the matrix kernels.</summary>
internal static class MatrixArguments
{
    public static void Check(int aLength, int bLength, int cLength, int m, int n, int k, int threads)
    {
        if (m < 0 || n < 0 || k < 0)
        {
            throw new ArgumentException($"Matrix dimensions must be non-negative (m={m}, n={n}, k={k}).");
        }
        if (threads < 1)
        {
            throw new ArgumentException($"threads must be at least 1 (got {threads}).", nameof(threads));
        }
        Need(aLength, (long)m * k, "a", "m×k");
        Need(bLength, (long)k * n, "b", "k×n");
        Need(cLength, (long)m * n, "c", "m×n");
    }

    private static void Need(int length, long required, string name, string shape)
    {
        if (length < required)
        {
            throw new ArgumentException($"Span '{name}' holds {length} floats but {shape} needs {required}.", name);
        }
    }
}
