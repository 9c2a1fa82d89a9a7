namespace Microcircuit.Training;

/// <summary>What one epoch measured: one row of history.csv.</summary>
/// <param name="AlignmentVersusBptt">Per layer, the mean angle (degrees) of the rule's update to BPTT's (with --alignment).</param>
/// <param name="ErrorCellRates">Per layer, the spiking error cells' firing rate in training: spikes per error cell per step (the energy cost).</param>
/// <param name="ErrorCellSaturation">Per layer, the fraction of training cell-steps whose error the cells could not send in full at once.</param>
/// <param name="AlignmentVersusGraded">Per layer, the mean angle of the spiking circuit's update to the graded circuit's on the same batch (with --alignment).</param>
public sealed record EpochMetrics(
    int Epoch,
    double TrainLoss,
    double TrainAccuracy,
    double TestLoss,
    double TestAccuracy,
    double TrainSeconds,
    double SamplesPerSecond,
    IReadOnlyList<double> TestFiringRates,
    IReadOnlyList<double>? AlignmentVersusBptt = null,
    IReadOnlyList<double>? ErrorCellRates = null,
    IReadOnlyList<double>? ErrorCellSaturation = null,
    IReadOnlyList<double>? AlignmentVersusGraded = null);
