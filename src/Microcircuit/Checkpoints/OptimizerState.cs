namespace Microcircuit.Checkpoints;

/// <summary>
/// An optimiser's state in a checkpoint: its name, the updates taken and its moment estimates (Adam: first and
/// second moments, weights then bias per layer; stateless optimisers: none).
/// </summary>
public sealed record OptimizerState(string Name, long Steps, IReadOnlyList<float[]> FirstMoments, IReadOnlyList<float[]> SecondMoments);
