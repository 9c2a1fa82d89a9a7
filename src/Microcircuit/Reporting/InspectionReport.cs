using Microcircuit.Analysis;
using Microcircuit.Checkpoints;

namespace Microcircuit.Reporting;

/// <summary>The content of inspect.json (format version 1): one sample recorded step by step and the test-set survey.</summary>
public sealed record InspectionReport(
    int FormatVersion,
    string Checkpoint,
    string Dataset,
    string Network,
    int Epoch,
    int TestSamples,
    double TestAccuracy,
    int[][] Confusion,
    IReadOnlyList<double[]> CellFiringRates,
    SampleInspection Sample);
