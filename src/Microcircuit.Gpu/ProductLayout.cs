namespace Microcircuit.Gpu;

/// <summary>Which operands of C = op(A)·op(B) are read transposed (row-major storage): the three GEMMs of the interface.</summary>
internal enum ProductLayout
{
    /// <summary>A [m × k], B [k × n].</summary>
    NN,

    /// <summary>A [m × k], B [n × k] read as Bᵀ.</summary>
    NT,

    /// <summary>A [k × m] read as Aᵀ, B [k × n].</summary>
    TN,
}
