using Microcircuit.Storage;
using Microcircuit.Training;

namespace Microcircuit.Reporting;

/// <summary>
/// The content of metrics.json (format version 1): the run's final figures and how it was configured. DataLabel is how every figure of
/// the run names its data: the dataset with its caveat where there is one, e.g. that CIFAR-10 is a JPEG-q75 copy.
/// </summary>
public sealed record RunMetrics(
    int FormatVersion,
    string Dataset,
    string DataSource,
    string DataLabel,
    string Rule,
    string Network,
    int Epochs,
    int Steps,
    int Batch,
    float LearningRate,
    string Optimizer,
    ulong Seed,
    int TrainSamples,
    int TestSamples,
    double TestAccuracy,
    double TrainAccuracy,
    double TestLoss,
    double TrainLoss,
    double SamplesPerSecond,
    double TotalSeconds,
    IReadOnlyList<double> TestFiringRates,
    Provenance? Provenance = null)
{
    public static RunMetrics From(Experiment experiment, TrainingResult result, Provenance? provenance = null)
    {
        var o = result.Options;
        var last = result.Final;
        return new RunMetrics(1, o.Dataset, result.DataSource, experiment.Data.FigureName, o.Rule, experiment.Network.Shape.ToString(), result.History.Count, experiment.Steps, o.Batch,
            o.LearningRate!.Value, experiment.Optimizer.Name, o.Seed, experiment.Train.Count, experiment.Test.Count,
            last.TestAccuracy, last.TrainAccuracy, last.TestLoss, last.TrainLoss, result.SamplesPerSecond, result.TotalSeconds,
            last.TestFiringRates, provenance);
    }

    public string ToJson() => JsonFormat.Serialize(this);
}
