using Microcircuit.Circuits;
using Microcircuit.Layers;
using Microcircuit.Learning.Feedback;
using Microcircuit.Randomness;

namespace Microcircuit.Learning;

/// <summary>Builds the credit-assignment rule an option names.</summary>
public static class CreditAssignmentRules
{
    public static IReadOnlyList<string> Names { get; } = ["microcircuit"];

    /// <param name="feedbackRandom">Draws of fixed random feedback magnitudes.</param>
    /// <param name="errorSpikeRandom">Draws of spiking error cells.</param>
    public static ICreditAssignment Create(string name, SpikingNetwork network, ErrorCellMode errorCells, float errorSpikeValue,
        SeededRandom feedbackRandom, SeededRandom errorSpikeRandom) => name switch
    {
        "microcircuit" => Microcircuit(network, errorCells, errorSpikeValue, feedbackRandom, errorSpikeRandom),
        _ => throw new ArgumentException($"Unknown rule '{name}'."),
    };

    /// <summary>The paper's circuit: sign-concordant feedback with fixed random magnitudes, E± pairs in every layer.</summary>
    public static MicrocircuitRule Microcircuit(SpikingNetwork network, ErrorCellMode errorCells, float errorSpikeValue,
        SeededRandom feedbackRandom, SeededRandom errorSpikeRandom)
    {
        var wiring = network.Layers.Skip(1)
            .Select(l => (IFeedbackWiring)new SignConcordantFixedMagnitude(l.Outputs, l.Inputs, feedbackRandom)).ToArray();
        var cells = network.Layers
            .Select(l => new ErrorInterneurons(l.Outputs, errorCells, errorSpikeValue, errorCells == ErrorCellMode.Spiking ? errorSpikeRandom : null)).ToArray();
        return new MicrocircuitRule(network, wiring, cells);
    }
}
