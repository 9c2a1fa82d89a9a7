using Microcircuit.Compute;
using Microcircuit.Errors;

namespace Microcircuit.Neurons;

/// <summary>
/// Parameters of the discrete-time leaky integrate-and-fire cell with a first-order synaptic trace
/// (docs/paper.md §2): u[t] = (1 − 1/τm)·u[t−1]·(1 − s[t−1]) + I[t]; s[t] = u[t] &gt; θ; a[t] = (1 − 1/τs)·a[t−1] + s[t]/τs.
/// </summary>
public readonly record struct LifParameters(float TauMembrane = 5f, float TauSynapse = 3f, float Threshold = 1f)
{
    public static LifParameters Default => new(5f, 3f, 1f);

    /// <summary>Membrane decay per step, 1 − 1/τm.</summary>
    public float MembraneDecay => 1f - 1f / TauMembrane;

    /// <summary>Trace decay per step, 1 − 1/τs.</summary>
    public float TraceDecay => 1f - 1f / TauSynapse;

    /// <summary>What one spike adds to the trace, 1/τs.</summary>
    public float TraceGain => 1f / TauSynapse;

    /// <summary>The per-step constants a back end's LIF step reads.</summary>
    public LifConstants Constants => new(MembraneDecay, TraceDecay, TraceGain, Threshold);

    /// <summary>Throws when a time constant is not a finite number above 1 or θ is not a finite positive number.</summary>
    public void Validate()
    {
        if (!(TauMembrane > 1f) || !float.IsFinite(TauMembrane))
            throw new OptionException("tau_membrane", $"{{tau_membrane}} must be a finite number greater than 1 (got {TauMembrane}); at 1 or below the membrane would not leak.");
        if (!(TauSynapse > 1f) || !float.IsFinite(TauSynapse))
            throw new OptionException("tau_synapse", $"{{tau_synapse}} must be a finite number greater than 1 (got {TauSynapse}); at 1 or below the synaptic trace would not decay.");
        if (!(Threshold > 0f) || !float.IsFinite(Threshold))
            throw new OptionException("threshold", $"{{threshold}} must be a positive number (got {Threshold}).");
    }
}
