namespace Microcircuit.Benchmarks;

/// <summary>One of the three stored layouts of Gemm: NN, NT (B stored transposed), TN (A stored transposed).</summary>
public enum Layout
{
    NN,
    NT,
    TN,
}
