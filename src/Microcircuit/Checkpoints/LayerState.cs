namespace Microcircuit.Checkpoints;

/// <summary>One layer's learned state in a checkpoint: weights [outputs × inputs], bias and Dale signs when present.</summary>
public sealed record LayerState(int Inputs, int Outputs, float[] Weights, float[]? Bias, float[]? FixedSigns);
