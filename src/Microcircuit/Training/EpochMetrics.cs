namespace Microcircuit.Training;

/// <summary>What one epoch measured: one row of history.csv.</summary>
public sealed record EpochMetrics(
    int Epoch,
    double TrainLoss,
    double TrainAccuracy,
    double TestLoss,
    double TestAccuracy,
    double TrainSeconds,
    double SamplesPerSecond,
    IReadOnlyList<double> TestFiringRates,
    IReadOnlyList<double>? AlignmentVersusBptt = null);
