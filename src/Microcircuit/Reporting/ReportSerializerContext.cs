using System.Text.Json.Serialization;

namespace Microcircuit.Reporting;

/// <summary>
/// Serialization code for every JSON document the library and the tool read or write, generated at compile time:
/// no reflection at run time, so the tool also runs as a native (ahead-of-time compiled) executable.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RunMetrics))]
[JsonSerializable(typeof(ComparisonReport))]
[JsonSerializable(typeof(EvaluationReport))]
[JsonSerializable(typeof(InspectionReport))]
internal sealed partial class ReportSerializerContext : JsonSerializerContext;
