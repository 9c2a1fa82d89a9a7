using Microcircuit.Circuits;
using Microcircuit.Layers;
using Microcircuit.Learning.Feedback;

namespace Microcircuit.Learning;

/// <summary>
/// The paper's cortical microcircuit (docs/paper.md §3–5). Each step: the output layer's error interneurons are driven by
/// the teacher comparison δ_L = g_L ⊙ (a_L − ā_L); every lower layer's apical compartments receive
/// v_l = B_{l+1}(E⁺ − E⁻)_{l+1} through sign-concordant feedback synapses, its cells form δ_l = g_l ⊙ v_l and drive
/// their own E± pair; every forward synapse then accumulates the Hebbian product (E⁺ − E⁻)_post · a_pre.
/// With graded error cells this is exactly sign-concordant random backpropagation (frSF) for the default wiring.
/// </summary>
public sealed class MicrocircuitRule : ICreditAssignment, IFeedbackRule
{
    private readonly IReadOnlyList<IFeedbackWiring> _wiring;   // index l: feedback from layer l onto layer l−1 (l ≥ 1)
    private readonly ErrorInterneurons[] _errorCells;
    private readonly ApicalCompartment[] _apical;
    private readonly float[][] _feedback;
    private readonly float[][] _errorActivity;   // E⁺ − E⁻ of every layer, as the Hebbian rule reads it
    private readonly HebbianPlasticity _hebbian = new();   // the product, its collapsed input sum Σ_t c[t]·(E⁺ − E⁻)₁ and any eligibility traces
    private readonly SpikeTimingSampler? _stdp;   // the STDP sampling form of the Hebbian product, when chosen

    /// <param name="wiring">One wiring per layer above the first (Count = layers − 1), each making that layer's feedback.</param>
    /// <param name="errorCells">The E± pair of every layer, bottom to top.</param>
    /// <param name="stdp">The STDP sampling form of the Hebbian product; null reads the presynaptic trace itself.</param>
    public MicrocircuitRule(SpikingNetwork network, IReadOnlyList<IFeedbackWiring> wiring, IReadOnlyList<ErrorInterneurons> errorCells, string name = "microcircuit",
        SpikeTimingSampler? stdp = null)
    {
        _stdp = stdp;
        int layers = network.Layers.Count;
        if (wiring.Count != layers - 1) throw new ArgumentException($"Expected {layers - 1} feedback wirings, got {wiring.Count}.");
        if (errorCells.Count != layers) throw new ArgumentException($"Expected {layers} error-cell populations, got {errorCells.Count}.");
        Name = name;
        _wiring = wiring;
        _errorCells = errorCells.ToArray();
        _apical = network.Layers.Select(l => new ApicalCompartment(l.Outputs)).ToArray();
        _feedback = network.Layers.Select((l, i) => i == 0 ? [] : network.Compute.Allocate(l.Weights.Length)).ToArray();
        _errorActivity = new float[layers][];
    }

    public string Name { get; }

    /// <summary>The E± pair of layer <paramref name="layer"/> (0-based), for inspection.</summary>
    public ErrorInterneurons ErrorCells(int layer) => _errorCells[layer];

    /// <summary>The apical compartments of layer <paramref name="layer"/> (0-based; the output layer's stays empty).</summary>
    public ApicalCompartment Apical(int layer) => _apical[layer];

    /// <summary>The feedback synapses from layer <paramref name="layer"/>'s error cells onto layer−1, in W's layout.</summary>
    public ReadOnlySpan<float> Feedback(int layer) => _feedback[layer];

    /// <summary>Whether the E± pairs fire spikes (rather than output δ as graded values).</summary>
    public bool SpikingErrorCells => _errorCells[0].Mode == ErrorCellMode.Spiking;

    /// <summary>
    /// The same circuit with graded error cells — the same feedback wiring, so the same synapses — for measuring how
    /// far the spiking circuit's update on a batch lies from the one its cells approximate.
    /// </summary>
    public MicrocircuitRule GradedTwin(SpikingNetwork network) =>
        new(network, _wiring, network.Layers.Select(l => new ErrorInterneurons(l.Outputs, ErrorCellMode.Graded, 1f, null)).ToArray(), Name);

    /// <summary>Per layer, the error cells' firing rate and saturated fraction since the last call (NaN for graded cells).</summary>
    public IReadOnlyList<(double Rate, double Saturated)> TakeErrorCellStatistics() => _errorCells.Select(c => c.TakeStatistics()).ToArray();

    /// <summary>The adaptive gains of every layer (δ_max, and 1 once estimated), for checkpoints.</summary>
    public float[] GainState() => _errorCells.SelectMany(c => new[] { c.GainState.Quantum, c.GainState.Set ? 1f : 0f }).ToArray();

    /// <summary>Restores <see cref="GainState"/>; false when it does not fit these cells.</summary>
    public bool RestoreGainState(ReadOnlySpan<float> state)
    {
        if (state.Length != 2 * _errorCells.Length) return false;
        for (int l = 0; l < _errorCells.Length; l++) _errorCells[l].RestoreGain(state[2 * l], state[2 * l + 1] != 0f);
        return true;
    }

    public void BeginBatch(SpikingNetwork network)
    {
        int batch = network.Batch;
        for (int l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            _errorCells[l].Reset(batch, network.Compute);
            _apical[l].Reset(batch, network.Compute);
            if (l > 0) FeedbackRefresh.Run(_wiring[l - 1], layer, _feedback[l], network.Compute);
        }
        for (int l = 0; l < _errorCells.Length; l++) _errorActivity[l] = _errorCells[l].Net;
        _hebbian.BeginBatch(network);
    }

    public void AfterStep(SpikingNetwork network, ReadOnlySpan<float> outputError, Gradients gradients)
    {
        int batch = network.Batch;
        int top = network.Layers.Count - 1;
        var output = network.Output;
        int nOut = batch * output.Outputs;

        _hebbian.AfterStep(network);   // eligibility traces, when the synapses keep them, to this step

        // Output layer: the apical signal is the teacher comparison a_L − ā_L.
        _errorCells[top].Drive(output.Gate.AsSpan(0, nOut), outputError[..nOut], network.Compute);

        // Lower layers: apical feedback from the error cells above, local gate, own error cells. Under constant input the
        // first layer's cells add their activity to its collapsed Hebbian sum as they are driven (one pass).
        bool inputSumHere = _stdp is null && top > 0 && network.InputIsConstant && network.Layers[0].IsPlastic;
        for (int l = top - 1; l >= 0; l--)
        {
            var layer = network.Layers[l];
            var above = network.Layers[l + 1];
            var apical = _apical[l];
            apical.Receive(_errorCells[l + 1].Net, above, _feedback[l + 1], batch, network.Compute);
            int n = batch * layer.Outputs;
            if (l == 0 && inputSumHere)
                _errorCells[0].Drive(layer.Gate.AsSpan(0, n), apical.Potential.AsSpan(0, n), _hebbian.InputPostSum, _hebbian.InputGain(network), network.Compute);
            else
                _errorCells[l].Drive(layer.Gate.AsSpan(0, n), apical.Potential.AsSpan(0, n), network.Compute);
        }

        // Hebbian plasticity in every layer: (E⁺ − E⁻)_post · a_pre, or its STDP sampling form.
        if (_stdp is not null) _stdp.Accumulate(network, _errorActivity, gradients);
        else _hebbian.Accumulate(network, _errorActivity, gradients, inputSumAccumulated: inputSumHere);
    }

    public void EndBatch(SpikingNetwork network, Gradients gradients)
    {
        foreach (var cells in _errorCells) cells.EndBatch();
        if (_stdp is not null) gradients.Scale(network.Compute, 1f / network.Batch);
        else _hebbian.Finish(network, gradients);
    }
}
