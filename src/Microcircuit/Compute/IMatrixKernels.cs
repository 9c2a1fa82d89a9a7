namespace Microcircuit.Compute;

/// <summary>Dense and event-driven matrix products, row-major. C is m × n; A's and B's layouts are named N (as stored) or T (transposed).</summary>
public interface IMatrixKernels
{
    /// <summary>C (+)= A·B with A [m × k], B [k × n].</summary>
    void GemmNN(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int n, int k, bool accumulate);

    /// <summary>C (+)= A·Bᵀ with A [m × k], B [n × k] (a layer's current: trace × weights).</summary>
    void GemmNT(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int n, int k, bool accumulate);

    /// <summary>C (+)= Aᵀ·B with A [k × m], B [k × n] (a Hebbian product summed over the batch).</summary>
    void GemmTN(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int n, int k, bool accumulate);

    /// <summary>C (+)= S·W with S [m × k] of 0/1 spikes and W = weightsᵀ [k × n]: only the rows of W whose input spiked are added.</summary>
    void SpikeGemm(ReadOnlySpan<float> spikes, ReadOnlySpan<float> transposedWeights, Span<float> c, int m, int n, int k, bool accumulate);

    /// <summary>destination [columns × rows] = sourceᵀ for source [rows × columns].</summary>
    void Transpose(ReadOnlySpan<float> source, Span<float> destination, int rows, int columns);
}
