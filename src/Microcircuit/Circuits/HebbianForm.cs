namespace Microcircuit.Circuits;

/// <summary>How a synapse forms the Hebbian product of docs/paper.md §5.</summary>
public enum HebbianForm
{
    /// <summary>The error cells' activity times the presynaptic trace itself: ΔW = −η Σ_t (E⁺ − E⁻) a_pre.</summary>
    Trace,

    /// <summary>
    /// The spike-timing (STDP) sampling form: at every step the synapse registers a presynaptic event with probability
    /// |a_pre| / a_max, each event worth a_max with the trace's sign, and pairs it with the error cells' activity at that
    /// step (<c>SpikeTimingSampler</c> (Learning)). Its mean is the trace form's product.
    /// </summary>
    Stdp,
}
