namespace Microcircuit.Training;

/// <summary>Accuracy, loss per sample and per-layer firing rates (spikes per cell per step) on a split.</summary>
public sealed record EvaluationResult(int Samples, double Accuracy, double Loss, IReadOnlyList<double> FiringRates);
