using Microcircuit.Errors;
using Microcircuit.Layers;
using Microcircuit.Learning;
using Microcircuit.Training;

namespace Microcircuit.Analysis;

/// <summary>
/// One test sample run forward with everything recorded, step by step: the encoded input, each layer's membrane
/// potential and spikes, and, for the microcircuit rule, each layer's apical potential and E⁺/E⁻ activity, driven by
/// the sample's label exactly as in training but with no update applied. Arrays are [step][cell].
/// </summary>
public sealed record SampleInspection(
    int Sample,
    int Label,
    int Height,
    int Width,
    float[] Pixels,
    int Predicted,
    double Loss,
    float[] OutputSpikeCounts,
    float[][] Input,
    IReadOnlyList<float[][]> Membrane,
    IReadOnlyList<float[][]> Spikes,
    IReadOnlyList<float[][]>? Apical,
    IReadOnlyList<float[][]>? ErrorPositive,
    IReadOnlyList<float[][]>? ErrorNegative,
    IReadOnlyList<string>? LayerNames = null,
    IReadOnlyList<float>? Thresholds = null,
    IReadOnlyList<double>? ErrorCellRates = null,
    IReadOnlyList<double>? ErrorCellSaturation = null,
    IReadOnlyList<double>? AngleToGraded = null)
{
    /// <summary>"hidden layer 2 (P2)", "output layer 4 (10)": how figures name layer <paramref name="layer"/> (0-based).</summary>
    public string LayerTitle(int layer) =>
        (layer == Spikes.Count - 1 ? $"output layer {layer + 1}" : $"hidden layer {layer + 1}")
        + (LayerNames is { } names && layer < names.Count ? $" ({names[layer]})" : "");

    public static SampleInspection Run(Experiment x, int sample)
    {
        var network = x.Network;
        if (sample < 0 || sample >= x.Test.Count)
            throw MicrocircuitException.Keyed(ErrorKind.InvalidOption, $"{{sample}} {sample} is outside the test set (0 to {x.Test.Count - 1}); pick one inside it.");
        int dim = network.SampleSize, classes = network.Output.Outputs, layers = network.Layers.Count;
        var pixels = new float[dim];
        x.Test.CopyNormalised(sample, pixels, x.Normalisation);
        byte label = x.Test.Labels.Span[sample];
        byte[] labels = [label];

        network.BeginBatch(pixels, 1);
        var gradients = new Gradients(network.Layers);
        x.Rule.BeginBatch(network);
        var micro = x.Rule as MicrocircuitRule;
        // Spiking error cells: their graded twin watches the same sample, so the sample's update can be set against it.
        var twin = micro is { SpikingErrorCells: true } ? micro.GradedTwin(network) : null;
        var twinGradients = new Gradients(network.Layers);
        twin?.BeginBatch(network);
        var readout = new SpikeCountReadout();
        readout.Reset(1, classes);
        var recording = SpikeHistory.For(network, keepSpikesAndGates: true);
        recording.Begin(1, network.InputIsConstant, network.Pixels);
        var error = new float[classes];
        var input = new List<float[]>();
        var apical = Lists(layers);
        var plus = Lists(layers);
        var minus = Lists(layers);
        double loss = 0;
        var observer = new StepObserver((network, t) =>
        {
            network.OutputToHost();
            loss += x.Loss.Step(t, network.Output.ActiveSpan(network.Output.Trace), network.Output.ActiveSpan(network.Output.Spikes), labels, error);
            readout.Accumulate(network.Output, network.Compute);
            x.Rule.AfterStep(network, error, gradients);   // drives the error cells; the update is never applied
            twin?.AfterStep(network, error, twinGradients);
            recording.Capture(network, error);
            input.Add(network.InputActivity.ToArray());
            if (micro is null) return;
            for (int l = 0; l < layers; l++)
            {
                int n = network.Layers[l].Outputs;
                network.Compute.ToHost(micro.Apical(l).Potential);
                apical[l].Add(micro.Apical(l).Potential.AsSpan(0, n).ToArray());
                plus[l].Add(micro.ErrorCells(l).Positive.AsSpan(0, n).ToArray());
                minus[l].Add(micro.ErrorCells(l).Negative.AsSpan(0, n).ToArray());
            }
        });
        network.Run(x.Steps, x.Random.Evaluation, computeGates: true, ref observer);
        var statistics = twin is null ? null : micro!.TakeErrorCellStatistics();
        double[]? angles = null;
        if (twin is not null)
        {
            x.Rule.EndBatch(network, gradients);
            twin.EndBatch(network, twinGradients);
            angles = Learning.Alignment.UpdateAngle.PerLayer(gradients, twinGradients);
        }
        recording.ToHost();
        float[][] Steps(Func<int, float[]> get) => Enumerable.Range(1, x.Steps).Select(get).ToArray();
        var membrane = Enumerable.Range(0, layers).Select(l => Steps(t => recording.Membrane(l, t))).ToArray();
        var spikes = Enumerable.Range(0, layers).Select(l => Steps(t => recording.Spikes(l, t))).ToArray();
        return new SampleInspection(sample, label, x.Data.Height, x.Data.Width, pixels, readout.Predict(0), loss, readout.Counts.ToArray(), input.ToArray(), membrane, spikes,
            micro is null ? null : apical.Select(a => a.ToArray()).ToArray(),
            micro is null ? null : plus.Select(a => a.ToArray()).ToArray(),
            micro is null ? null : minus.Select(a => a.ToArray()).ToArray(),
            network.Layers.Select(l => l.Spec.ToString()).ToArray(),
            network.Layers.Select(l => l.CellModel(network.Neuron).Threshold).ToArray(),
            statistics?.Select(c => c.Rate).ToArray(), statistics?.Select(c => c.Saturated).ToArray(), angles);
    }

    private static List<float[]>[] Lists(int n) => Enumerable.Range(0, n).Select(_ => new List<float[]>()).ToArray();
}
