namespace Microcircuit.Reporting;

/// <summary>The content of comparison.json (format version 1): the shared settings and one summary per rule.</summary>
public sealed record ComparisonReport(
    int FormatVersion,
    string Dataset,
    string DataSource,
    IReadOnlyList<int>? Hidden,
    int? Epochs,
    int Batch,
    int? Steps,
    float? LearningRate,
    int AlignmentEveryBatches,
    ComparisonReport.RuleSummary[] Rules)
{
    /// <summary>One rule's figures over its seeds; angles that were not measured are null.</summary>
    public sealed record RuleSummary(
        string Rule,
        double TestAccuracyMean,
        double TestAccuracyStd,
        IReadOnlyList<ulong> Seeds,
        IReadOnlyList<double> TestAccuracies,
        double SamplesPerSecond,
        double?[] AlignmentDeg,
        double?[] AlignmentVersusBpDeg,
        double?[] FeedbackAngleDeg,
        double?[]? ErrorCellRate = null,
        double?[]? AlignmentVersusGradedDeg = null);
}
