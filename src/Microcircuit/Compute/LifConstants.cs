namespace Microcircuit.Compute;

/// <summary>
/// What the LIF step of a back end needs of a cell population, per step: the membrane's decay β = 1 − 1/τm, the trace's
/// decay λ = 1 − 1/τs and gain 1/τs, and the threshold θ (docs/paper.md §2).
/// </summary>
public readonly record struct LifConstants(float MembraneDecay, float TraceDecay, float TraceGain, float Threshold);
