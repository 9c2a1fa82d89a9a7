using System.Numerics.Tensors;
using Microcircuit.Tensors;

namespace Microcircuit.Circuits;

/// <summary>
/// The apical dendrite of a layer's pyramidal cells: it receives only feedback from the error interneurons of
/// the layer above, v = B (E⁺ − E⁻), and holds the local error signal; it does not drive the soma during learning.
/// The cell turns it into its error δ = g ⊙ v with its own excitability gate.
/// </summary>
public sealed class ApicalCompartment(int cells)
{
    public int Cells { get; } = cells;

    /// <summary>v [batch × cells] at the current step.</summary>
    public float[] Potential { get; private set; } = [];

    /// <summary>δ = g ⊙ v [batch × cells] at the current step.</summary>
    public float[] Error { get; private set; } = [];

    public void Reset(int batch)
    {
        if (Potential.Length < batch * Cells)
        {
            Potential = new float[batch * Cells];
            Error = new float[batch * Cells];
        }
    }

    /// <summary>v = (E⁺ − E⁻)_above · F, then δ = g ⊙ v. F is stored as [cells above × cells].</summary>
    public void Receive(ReadOnlySpan<float> errorAbove, int cellsAbove, ReadOnlySpan<float> feedback, ReadOnlySpan<float> gate, int batch, int threads)
    {
        int n = batch * Cells;
        Gemm.NN(errorAbove, feedback, Potential, batch, Cells, cellsAbove, accumulate: false, threads);
        TensorPrimitives.Multiply(gate[..n], Potential.AsSpan(0, n), Error.AsSpan(0, n));
    }
}
