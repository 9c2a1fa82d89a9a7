namespace Microcircuit.Compute;

/// <summary>The gate g(u) of cells with threshold <see cref="Threshold"/>: its curve and width (α or w).</summary>
public readonly record struct GateFunction(GateCurve Curve, float Threshold, float Width);
