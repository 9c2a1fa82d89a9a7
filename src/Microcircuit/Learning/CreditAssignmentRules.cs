using Microcircuit.Circuits;
using Microcircuit.Layers;
using Microcircuit.Learning.Feedback;
using Microcircuit.Randomness;

namespace Microcircuit.Learning;

/// <summary>Builds the credit-assignment rule an option names (docs/paper.md §7). Adding a rule is one entry here.</summary>
public static class CreditAssignmentRules
{
    public static IReadOnlyList<string> Names { get; } = ["microcircuit", "bptt", "bp", "fa", "dfa", "usf", "brsf", "frsf"];

    /// <summary>One line per rule, for help texts.</summary>
    public static IReadOnlyDictionary<string, string> Descriptions { get; } = new Dictionary<string, string>
    {
        ["microcircuit"] = "the paper's circuit: E+/E- error interneurons, sign-concordant feedback |M|∘sign(Wᵀ), Hebbian updates",
        ["bptt"] = "surrogate-gradient backpropagation through time (through u, the reset and the trace)",
        ["bp"] = "time-local surrogate backpropagation, feedback B = Wᵀ (weight transport)",
        ["fa"] = "feedback alignment: fixed random B",
        ["dfa"] = "direct feedback alignment: fixed random matrices from the output error to every layer",
        ["usf"] = "uniform sign-concordant feedback: B = sign(Wᵀ)·scale",
        ["brsf"] = "batch-random sign-concordant feedback: |R|∘sign(Wᵀ), R redrawn every batch",
        ["frsf"] = "fixed-random-magnitude sign-concordant feedback |M|∘sign(Wᵀ), in plain matrix form",
    };

    /// <param name="feedbackRandom">Draws of random feedback (fixed magnitudes once, brSF's every batch).</param>
    /// <param name="errorSpikeRandom">Draws of spiking error cells.</param>
    /// <param name="stdp">The microcircuit's Hebbian product in its STDP sampling form; null for the trace form.</param>
    public static ICreditAssignment Create(string name, SpikingNetwork network, ErrorCellMode errorCells, ErrorCellCoding coding,
        SeededRandom feedbackRandom, SeededRandom errorSpikeRandom, SpikeTimingSampler? stdp = null) => name switch
    {
        "microcircuit" => Microcircuit(network, errorCells, coding, feedbackRandom, errorSpikeRandom, stdp),
        "bptt" => new BackpropagationThroughTime(network),
        "dfa" => new DirectFeedbackAlignmentRule(network, feedbackRandom),
        "bp" or "fa" or "usf" or "brsf" or "frsf" => new TimeLocalFeedbackRule(name, network, Wiring(name, network, feedbackRandom)),
        _ => throw new ArgumentException($"Unknown rule '{name}'."),
    };

    /// <summary>As <see cref="Create(string, SpikingNetwork, ErrorCellMode, ErrorCellCoding, SeededRandom, SeededRandom, SpikeTimingSampler)"/>, with the paper's Bernoulli error cells of δ_max <paramref name="errorSpikeValue"/>.</summary>
    public static ICreditAssignment Create(string name, SpikingNetwork network, ErrorCellMode errorCells, float errorSpikeValue,
        SeededRandom feedbackRandom, SeededRandom errorSpikeRandom) =>
        Create(name, network, errorCells, ErrorCellCoding.Paper(errorSpikeValue), feedbackRandom, errorSpikeRandom);

    /// <summary>The feedback wiring of each layer above the first for a rule of the feedback-alignment family.</summary>
    public static IFeedbackWiring[] Wiring(string name, SpikingNetwork network, SeededRandom random) =>
        network.Layers.Skip(1).Select(l => !l.IsPlastic ? FixedPathway.Instance : name switch
        {
            "bp" => (IFeedbackWiring)new TransposedWeights(),
            "fa" => new FixedRandomFeedback(FeedbackFan.Of(l), random),
            "usf" => new UniformSignFeedback(FeedbackFan.Of(l)),
            "brsf" => new BatchRandomMagnitude(FeedbackFan.Of(l), random),
            "frsf" => new SignConcordantFixedMagnitude(FeedbackFan.Of(l), random),
            _ => throw new ArgumentException($"Rule '{name}' has no feedback wiring."),
        }).ToArray();

    /// <summary>The paper's circuit with its Bernoulli error cells of δ_max <paramref name="errorSpikeValue"/>.</summary>
    public static MicrocircuitRule Microcircuit(SpikingNetwork network, ErrorCellMode errorCells, float errorSpikeValue,
        SeededRandom feedbackRandom, SeededRandom errorSpikeRandom) =>
        Microcircuit(network, errorCells, ErrorCellCoding.Paper(errorSpikeValue), feedbackRandom, errorSpikeRandom);

    /// <summary>The paper's circuit: sign-concordant feedback with fixed random magnitudes, E± pairs in every layer.</summary>
    public static MicrocircuitRule Microcircuit(SpikingNetwork network, ErrorCellMode errorCells, ErrorCellCoding coding,
        SeededRandom feedbackRandom, SeededRandom errorSpikeRandom, SpikeTimingSampler? stdp = null)
    {
        var cells = network.Layers
            .Select(l => new ErrorInterneurons(l.Outputs, errorCells, coding, errorCells == ErrorCellMode.Spiking ? errorSpikeRandom : null)).ToArray();
        return new MicrocircuitRule(network, Wiring("frsf", network, feedbackRandom), cells, stdp: stdp);
    }
}
