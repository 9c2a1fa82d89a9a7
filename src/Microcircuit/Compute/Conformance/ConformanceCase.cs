namespace Microcircuit.Compute.Conformance;

/// <summary>
/// One check of a back end: an operation run on random operands of the given lengths (spikes: 0/1 draws), whose every
/// operand afterwards and whose result are compared with the reference back end's.
/// </summary>
/// <param name="Operation">The interface method.</param>
/// <param name="Detail">Which case of it (a layout, a geometry, a gate curve).</param>
/// <param name="Spikes">Every operand holds 0/1 spikes.</param>
/// <param name="SpikeOperands">The operands that hold 0/1 spikes (the others are Gaussian draws).</param>
public sealed record ConformanceCase(string Operation, string Detail, int[] Lengths, Func<IComputeBackend, float[][], float> Run, bool Spikes = false,
    int[]? SpikeOperands = null);
