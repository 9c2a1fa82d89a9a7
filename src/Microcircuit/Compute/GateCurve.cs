namespace Microcircuit.Compute;

/// <summary>The shape of the excitability gate a back end evaluates (the model's <c>GateKind</c>, in the back end's terms).</summary>
public enum GateCurve
{
    /// <summary>g = σ'((u − θ)/α)/α, argument clipped to [−8, 8].</summary>
    Logistic,
    /// <summary>g = 1/(2w) where |u − θ| &lt; w, else 0.</summary>
    Boxcar,
    /// <summary>g = 1.</summary>
    Flat,
}
