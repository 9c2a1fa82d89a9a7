using Microcircuit.Errors;

namespace Microcircuit.Neurons;

/// <summary>
/// Parameters of the discrete-time leaky integrate-and-fire cell with a first-order synaptic trace
/// (PAPER.md §2): u[t] = (1 − 1/τm)·u[t−1]·(1 − s[t−1]) + I[t]; s[t] = u[t] &gt; θ; a[t] = (1 − 1/τs)·a[t−1] + s[t]/τs.
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

    /// <summary>Throws when a time constant is not above 1 or θ is not positive.</summary>
    public void Validate()
    {
        if (!(TauMembrane > 1f))
            throw new MicrocircuitException(ErrorKind.InvalidOption, $"--tau-m must be greater than 1 (got {TauMembrane}); the membrane would not leak.");
        if (!(TauSynapse > 1f))
            throw new MicrocircuitException(ErrorKind.InvalidOption, $"--tau-s must be greater than 1 (got {TauSynapse}); the synaptic trace would not decay.");
        if (!(Threshold > 0f) || float.IsInfinity(Threshold))
            throw new MicrocircuitException(ErrorKind.InvalidOption, $"--threshold must be a positive number (got {Threshold}).");
    }
}
