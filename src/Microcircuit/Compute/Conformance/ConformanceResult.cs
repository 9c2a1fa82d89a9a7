namespace Microcircuit.Compute.Conformance;

/// <summary>
/// How far a back end's answer to one <see cref="ConformanceCase"/> lies from the reference's: the largest difference in
/// any operand, relative to that operand's largest value (and for a returned number, relative to it, at least 1).
/// </summary>
/// <param name="Where">The operand and element of the largest difference, or null when there was none.</param>
public sealed record ConformanceResult(string Operation, string Detail, double RelativeError, string? Where);
