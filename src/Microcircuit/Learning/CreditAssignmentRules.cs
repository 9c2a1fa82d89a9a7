using Microcircuit.Circuits;
using Microcircuit.Layers;
using Microcircuit.Learning.Feedback;
using Microcircuit.Randomness;

namespace Microcircuit.Learning;

/// <summary>
/// Builds the credit-assignment rule an option names (docs/paper.md §7). The built-in rules are entries here; a rule of
/// one's own is registered from outside the library with <see cref="Register"/> (any <see cref="ICreditAssignment"/>) or
/// <see cref="RegisterFeedback"/> (a feedback wiring, trained by the time-local feedback rule like fa or frsf), and is
/// then named by <c>rule</c> like a built-in one (docs/library.md).
/// </summary>
public static class CreditAssignmentRules
{
    /// <summary>The rules the library brings.</summary>
    public static IReadOnlyList<string> BuiltIn { get; } = ["microcircuit", "bptt", "bp", "fa", "dfa", "usf", "brsf", "frsf"];

    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, (string Description, Func<RuleContext, ICreditAssignment> Create)> Registered = new(StringComparer.Ordinal);

    /// <summary>Every rule that can be named now: the built-in ones, then those registered, in order of registration.</summary>
    public static IReadOnlyList<string> Names
    {
        get
        {
            lock (Gate) return [.. BuiltIn, .. Registered.Keys];
        }
    }

    /// <summary>
    /// Makes <paramref name="name"/> a rule: <paramref name="create"/> builds it for a network (once per run). A name may be
    /// registered again to replace its factory; a built-in name cannot be taken.
    /// </summary>
    public static void Register(string name, string description, Func<RuleContext, ICreditAssignment> create)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(create);
        if (BuiltIn.Contains(name) || name.Contains(',') || name != name.Trim() || name != name.ToLowerInvariant())
            throw new ArgumentException($"'{name}' cannot name a registered rule: it must be lower case, without commas or spaces at its ends, and not one of {string.Join(", ", BuiltIn)}.", nameof(name));
        lock (Gate) Registered[name] = (description ?? "", create);
    }

    /// <summary>
    /// Makes <paramref name="name"/> a rule of the feedback-alignment family: errors go down through feedback synapses
    /// that <paramref name="wiring"/> makes for each plastic layer above the first (from the layer and the run's feedback
    /// draws), trained step by step like fa, usf or frsf.
    /// </summary>
    public static void RegisterFeedback(string name, string description, Func<SpikingLayer, SeededRandom, IFeedbackWiring> wiring)
    {
        ArgumentNullException.ThrowIfNull(wiring);
        Register(name, description, c => new TimeLocalFeedbackRule(name, c.Network,
            c.Network.Layers.Skip(1).Select(l => l.IsPlastic ? wiring(l, c.FeedbackRandom) : FixedPathway.Instance).ToArray()));
    }

    /// <summary>Removes a registered rule; false when none had that name.</summary>
    public static bool Unregister(string name)
    {
        lock (Gate) return Registered.Remove(name);
    }

    /// <summary>One line per rule, for help texts: the built-in ones and those registered.</summary>
    public static IReadOnlyDictionary<string, string> Descriptions
    {
        get
        {
            var all = new Dictionary<string, string>(BuiltInDescriptions);
            lock (Gate) foreach (var (name, entry) in Registered) all[name] = entry.Description;
            return all;
        }
    }

    private static IReadOnlyDictionary<string, string> BuiltInDescriptions { get; } = new Dictionary<string, string>
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
        _ => CreateRegistered(name, new RuleContext(network, errorCells, coding, feedbackRandom, errorSpikeRandom, stdp)),
    };

    private static ICreditAssignment CreateRegistered(string name, RuleContext context)
    {
        Func<RuleContext, ICreditAssignment> create;
        lock (Gate)
        {
            if (!Registered.TryGetValue(name, out var entry)) throw new ArgumentException($"Unknown rule '{name}'.", nameof(name));
            create = entry.Create;
        }
        return create(context) ?? throw new InvalidOperationException($"The factory registered for rule '{name}' returned null.");
    }

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
