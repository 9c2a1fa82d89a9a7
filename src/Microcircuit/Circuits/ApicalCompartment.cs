using Microcircuit.Compute;
using Microcircuit.Layers;

namespace Microcircuit.Circuits;

/// <summary>
/// The apical dendrite of a layer's pyramidal cells: it receives only feedback from the error interneurons of
/// the layer above, v = B (E⁺ − E⁻), and holds the local error signal; it does not drive the soma during learning.
/// The cell's error interneurons turn it into its error δ = g ⊙ v with the cell's own excitability gate.
/// </summary>
public sealed class ApicalCompartment(int cells)
{
    public int Cells { get; } = cells;

    /// <summary>v [batch × cells] at the current step.</summary>
    public float[] Potential { get; private set; } = [];

    public void Reset(int batch, IDeviceMemory? memory = null)
    {
        if (Potential.Length < batch * Cells)
        {
            Potential = memory?.Allocate(batch * Cells) ?? new float[batch * Cells];
        }
    }

    /// <summary>
    /// v = the feedback of the error cells above through <paramref name="feedback"/> (in the upper layer's weight
    /// layout; the upper layer's wiring decides the product: a matrix, a transposed convolution, an even spread over
    /// a pooling window).
    /// </summary>
    public void Receive(ReadOnlySpan<float> errorAbove, SpikingLayer above, ReadOnlySpan<float> feedback, int batch, IComputeBackend compute) =>
        above.SendBack(errorAbove, feedback, Potential.AsSpan(0, batch * Cells), batch, compute);
}
