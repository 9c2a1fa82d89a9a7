using Microcircuit.Analysis;

namespace Microcircuit.Reporting;

/// <summary>
/// The content of comparison.json (format version 1): the shared settings and one summary per rule, its angles that
/// were not measured null.
/// </summary>
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
    RuleSummary<double?[]?>[] Rules);
