namespace Microcircuit.Circuits;

/// <summary>How the E⁺/E⁻ error interneurons signal (docs/paper.md §3).</summary>
public enum ErrorCellMode
{
    /// <summary>E± output [δ]₊ and [−δ]₊ directly (exact).</summary>
    Graded,
    /// <summary>E± fire Bernoulli spikes with probability min(1, |δ|/δ_max), each carrying δ_max (δ in expectation).</summary>
    Spiking,
}
