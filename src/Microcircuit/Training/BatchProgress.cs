namespace Microcircuit.Training;

/// <summary>Progress after one training batch, for progress bars.</summary>
public readonly record struct BatchProgress(
    int Epoch,
    int Epochs,
    long SamplesDone,
    long SamplesTotal,
    double RunningLoss,
    double RunningAccuracy,
    double SamplesPerSecond);
