namespace Microcircuit.Training;

/// <summary>The outcome of a run: its resolved options and every epoch's metrics.</summary>
public sealed record TrainingResult(TrainingOptions Options, IReadOnlyList<EpochMetrics> History, double TotalSeconds, string DataSource)
{
    public EpochMetrics Final => History[^1];

    /// <summary>Training samples per second over the whole run (evaluation excluded).</summary>
    public double SamplesPerSecond =>
        History.Sum(h => h.TrainSeconds) is var s and > 0 ? History.Sum(h => h.SamplesPerSecond * h.TrainSeconds) / s : 0;
}
