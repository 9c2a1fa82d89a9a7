namespace Microcircuit.Reporting;

/// <summary>What <c>microcircuit eval --json</c> prints: a checkpoint's figures on the test split.</summary>
public sealed record EvaluationReport(
    string Checkpoint,
    string Dataset,
    string Network,
    int Epoch,
    int TestSamples,
    double TestAccuracy,
    double TestLoss,
    IReadOnlyList<double> TestFiringRates,
    int Steps,
    bool FlipAverage);
