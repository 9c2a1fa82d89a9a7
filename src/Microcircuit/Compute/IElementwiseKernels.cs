namespace Microcircuit.Compute;

/// <summary>Element-wise arithmetic and reductions over spans of equal length (destination may alias an operand).</summary>
public interface IElementwiseKernels
{
    /// <summary>destination = 0 (a state reset, done where the array lives).</summary>
    void Clear(Span<float> destination);

    /// <summary>destination = source (a copy made where the arrays live; the two must not overlap).</summary>
    void Copy(ReadOnlySpan<float> source, Span<float> destination);

    /// <summary>destination = x + y.</summary>
    void Add(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> destination);

    /// <summary>Each of the <paramref name="rows"/> rows of <paramref name="matrix"/> += <paramref name="row"/> (a bias).</summary>
    void AddToRows(Span<float> matrix, ReadOnlySpan<float> row, int rows);

    /// <summary>sum += each of the <paramref name="rows"/> rows of <paramref name="matrix"/>, in row order.</summary>
    void SumRows(ReadOnlySpan<float> matrix, Span<float> sum, int rows);

    /// <summary>Each plane of <paramref name="images"/> [batch × channels × pixels] += its channel's <paramref name="bias"/> (a convolution's bias).</summary>
    void AddToPlanes(Span<float> images, ReadOnlySpan<float> bias, int batch, int pixels);

    /// <summary>sum[c] += Σ over the batch and the plane's pixels of channel c of <paramref name="images"/> [batch × channels × pixels].</summary>
    void SumPlanes(ReadOnlySpan<float> images, Span<float> sum, int batch, int pixels);

    /// <summary>destination = x ⊙ y.</summary>
    void Multiply(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> destination);

    /// <summary>destination = c·x.</summary>
    void Multiply(ReadOnlySpan<float> x, float c, Span<float> destination);

    /// <summary>destination = c·x + addend.</summary>
    void MultiplyAdd(ReadOnlySpan<float> x, float c, ReadOnlySpan<float> addend, Span<float> destination);

    /// <summary>Σ x.</summary>
    float Sum(ReadOnlySpan<float> x);

    /// <summary>Σ x ⊙ y.</summary>
    float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y);

    /// <summary>√(Σ x²).</summary>
    float Norm(ReadOnlySpan<float> x);
}
