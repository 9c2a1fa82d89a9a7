using System.Numerics.Tensors;
using Microcircuit.Tensors;

namespace Microcircuit.Circuits;

/// <summary>
/// The local Hebbian rule of PAPER.md §5: every plastic synapse j → i accumulates the product of its postsynaptic
/// error-interneuron activity (E⁺ − E⁻)_i and its presynaptic trace a_j, over time steps and the batch. ΔW = −η·Σ.
/// </summary>
public static class HebbianPlasticity
{
    /// <summary>sum[i, j] += Σ_b post[b, i]·pre[b, j] for a batch (one matrix product).</summary>
    public static void Accumulate(ReadOnlySpan<float> post, int postCells, ReadOnlySpan<float> pre, int preCells, int batch, Span<float> sum, int threads) =>
        Gemm.TN(post, pre, sum, postCells, preCells, batch, accumulate: true, threads);

    /// <summary>bias[i] += Σ_b post[b, i] (a bias is a synapse from an always-on presynaptic trace of 1).</summary>
    public static void AccumulateBias(ReadOnlySpan<float> post, int postCells, int batch, Span<float> sum)
    {
        for (int b = 0; b < batch; b++) TensorPrimitives.Add(sum, post.Slice(b * postCells, postCells), sum);
    }
}
