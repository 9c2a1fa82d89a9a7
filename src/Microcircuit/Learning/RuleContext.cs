using Microcircuit.Circuits;
using Microcircuit.Layers;
using Microcircuit.Randomness;

namespace Microcircuit.Learning;

/// <summary>What a registered rule's factory is given to build the rule for one run.</summary>
/// <param name="Network">The network the rule trains (its layers, shapes and weights are final).</param>
/// <param name="ErrorCells">Graded or spiking error cells, as the run's options say (for microcircuit-like rules).</param>
/// <param name="Coding">How spiking error cells code the error.</param>
/// <param name="FeedbackRandom">The run's seeded draws for random feedback.</param>
/// <param name="ErrorSpikeRandom">The run's seeded draws for error-cell spikes.</param>
/// <param name="Stdp">The STDP sampler when the options ask for it, else null.</param>
public sealed record RuleContext(SpikingNetwork Network, ErrorCellMode ErrorCells, ErrorCellCoding Coding,
    SeededRandom FeedbackRandom, SeededRandom ErrorSpikeRandom, SpikeTimingSampler? Stdp);
