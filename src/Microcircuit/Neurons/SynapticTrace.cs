namespace Microcircuit.Neurons;

/// <summary>The first-order synaptic filter a[t] = (1 − 1/τs)·a[t−1] + x[t]/τs, for inputs that are not LIF cells.</summary>
public static class SynapticTrace
{
    /// <summary>
    /// The filter's response to a constant unit input, step by step from rest (c[1] = 1/τs, c[t] = (1 − 1/τs)·c[t−1] + 1/τs),
    /// evaluated in the same float arithmetic as the back end's filter. With direct encoding a₀[t] = c[t]·x, so the first
    /// layer's current is computed once per sample and scaled per step.
    /// </summary>
    public static float UnitResponse(in LifParameters p, int step)
    {
        float c = 0f;
        for (int t = 1; t <= step; t++) c = p.TraceDecay * c + p.TraceGain;
        return c;
    }
}
