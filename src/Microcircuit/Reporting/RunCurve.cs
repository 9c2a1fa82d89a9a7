using Microcircuit.Training;

namespace Microcircuit.Reporting;

/// <summary>One run's history under the name its legend entry shows.</summary>
public sealed record RunCurve(string Label, IReadOnlyList<EpochMetrics> History);
