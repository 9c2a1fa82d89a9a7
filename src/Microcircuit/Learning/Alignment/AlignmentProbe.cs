using Microcircuit.Layers;

namespace Microcircuit.Learning.Alignment;

/// <summary>
/// Watches a training batch with two reference rules, BPTT and time-local BP, on the very forward pass and loss the
/// training rule sees, and measures per layer how far the training rule's update points from theirs. The reference
/// updates are never applied.
/// </summary>
public sealed class AlignmentProbe
{
    private readonly ICreditAssignment _bptt;
    private readonly ICreditAssignment _bp;
    private readonly Gradients _bpttGradients;
    private readonly Gradients _bpGradients;
    private readonly MicrocircuitRule? _graded;     // the spiking circuit's graded twin, when the rule is one
    private readonly Gradients? _gradedGradients;

    /// <param name="rule">The training rule; a microcircuit with spiking error cells is also measured against its graded twin.</param>
    public AlignmentProbe(SpikingNetwork network, int everyBatches, ICreditAssignment? rule = null)
    {
        if (rule is MicrocircuitRule { SpikingErrorCells: true } circuit)
        {
            _graded = circuit.GradedTwin(network);
            _gradedGradients = new Gradients(network.Layers, network.Compute);
        }
        if (everyBatches <= 0) throw new ArgumentOutOfRangeException(nameof(everyBatches));
        EveryBatches = everyBatches;
        _bptt = new BackpropagationThroughTime(network);
        _bp = new TimeLocalFeedbackRule("bp", network, CreditAssignmentRules.Wiring("bp", network, new Randomness.SeededRandom(0)));
        _bpttGradients = new Gradients(network.Layers, network.Compute);
        _bpGradients = new Gradients(network.Layers, network.Compute);
    }

    public int EveryBatches { get; }

    public bool Measures(long batchIndex) => batchIndex % EveryBatches == 0;

    public void BeginBatch(SpikingNetwork network)
    {
        _bpttGradients.Clear();
        _bpGradients.Clear();
        _bptt.BeginBatch(network);
        _bp.BeginBatch(network);
        _gradedGradients?.Clear();
        _graded?.BeginBatch(network);
    }

    public void AfterStep(SpikingNetwork network, ReadOnlySpan<float> outputError)
    {
        _bptt.AfterStep(network, outputError, _bpttGradients);
        _bp.AfterStep(network, outputError, _bpGradients);
        _graded?.AfterStep(network, outputError, _gradedGradients!);
    }

    /// <summary>Finishes the reference updates and measures the rule's <paramref name="update"/> against them.</summary>
    public AlignmentSample EndBatch(SpikingNetwork network, ICreditAssignment rule, Gradients update, int epoch, long batch)
    {
        _bptt.EndBatch(network, _bpttGradients);
        _bp.EndBatch(network, _bpGradients);
        _graded?.EndBatch(network, _gradedGradients!);
        foreach (var gradients in new[] { update, _bpttGradients, _bpGradients, _gradedGradients }) gradients?.ToHost();   // the angles are measured on the host
        network.WeightsToHost();
        var feedback = new double[network.Layers.Count];
        feedback[0] = double.NaN;
        for (int l = 1; l < network.Layers.Count; l++)
            feedback[l] = rule is IFeedbackRule f ? UpdateAngle.Degrees(f.Feedback(l), network.Layers[l].Weights) : double.NaN;
        return new AlignmentSample(epoch, batch, UpdateAngle.PerLayer(update, _bpttGradients), UpdateAngle.PerLayer(update, _bpGradients), feedback,
            _graded is null ? null : UpdateAngle.PerLayer(update, _gradedGradients!));
    }
}
