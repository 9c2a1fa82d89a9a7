using Microcircuit.Data;
using Microcircuit.Layers;
using Microcircuit.Losses;
using Microcircuit.Randomness;

namespace Microcircuit.Training;

/// <summary>
/// Runs the network forward over a split without learning and measures accuracy, loss and firing rates. With
/// <paramref name="mirror"/> set (the images' shape), every image is presented twice, as it is and mirrored left to
/// right, and the class is read from the two presentations' summed spike counts (ties: summed membrane potentials);
/// loss and firing rates are then the mean over both presentations.
/// </summary>
public sealed class Evaluator(SpikingNetwork network, ISpikingLoss loss, int steps, int batch, ImageShape? mirror = null)
{
    private readonly SpikeCountReadout _readout = new();
    private float[] _pixels = [];
    private byte[] _labels = [];
    private float[] _error = [];

    /// <summary>The class the network reads out for each sample of <paramref name="split"/>, in order (no learning).</summary>
    public int[] Predict(DatasetSplit split, Normalisation normalisation, SeededRandom random, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(split);
        var predictions = new int[split.Count];
        Evaluate(split, normalisation, random, cancel, predictions);
        return predictions;
    }

    public EvaluationResult Evaluate(DatasetSplit split, Normalisation normalisation, SeededRandom random, CancellationToken cancel = default) =>
        Evaluate(split, normalisation, random, cancel, null);

    private EvaluationResult Evaluate(DatasetSplit split, Normalisation normalisation, SeededRandom random, CancellationToken cancel, int[]? predictions)
    {
        int dim = network.SampleSize, classes = network.Output.Outputs;
        if (mirror is { } shape && shape.Size != dim)
            throw new ArgumentException($"Mirrored images of {shape} do not fit the network's {dim} inputs.", nameof(mirror));
        int views = mirror is null ? 1 : 2;
        EnsureBuffers(dim, classes);
        var spikes = new double[network.Layers.Count];
        int correct = 0;
        double lossSum = 0;
        var labels = split.Labels.Span;
        for (int start = 0; start < split.Count; start += batch)
        {
            cancel.ThrowIfCancellationRequested();
            int n = Math.Min(batch, split.Count - start);
            for (int b = 0; b < n; b++)
            {
                split.CopyNormalised(start + b, _pixels.AsSpan(b * dim, dim), normalisation);
                _labels[b] = labels[start + b];
            }
            _readout.Reset(n, classes);
            for (int view = 0; view < views; view++)
            {
                if (view == 1) HorizontalMirror.Apply(_pixels.AsSpan(0, n * dim), mirror!.Value, n);
                network.BeginBatch(_pixels.AsSpan(0, n * dim), n);
                var step = new EvaluationStep(loss, _readout, _labels.AsSpan(0, n), _error, spikes, ref lossSum);
                network.Run(steps, random, computeGates: false, ref step);
            }
            for (int b = 0; b < n; b++)
            {
                int predicted = _readout.Predict(b);
                if (predictions is not null) predictions[start + b] = predicted;
                if (predicted == _labels[b]) correct++;
            }
        }
        int count = Math.Max(split.Count, 1);
        var rates = network.Layers.Select((l, i) => spikes[i] / ((double)count * views * steps * l.Outputs)).ToArray();
        return new EvaluationResult(split.Count, (double)correct / count, lossSum / ((double)count * views), rates);
    }

    private void EnsureBuffers(int dim, int classes)
    {
        if (_pixels.Length >= batch * dim) return;
        _pixels = new float[batch * dim];
        _labels = new byte[batch];
        _error = new float[batch * classes];
    }

    /// <summary>One evaluation step: the loss (added to the split's sum in step order), the read-out and every layer's spike count.</summary>
    private ref struct EvaluationStep : IStepObserver
    {
        private readonly ISpikingLoss _loss;
        private readonly SpikeCountReadout _readout;
        private readonly ReadOnlySpan<byte> _labels;
        private readonly Span<float> _error;
        private readonly double[] _spikes;
        private ref double _lossSum;

        public EvaluationStep(ISpikingLoss loss, SpikeCountReadout readout, ReadOnlySpan<byte> labels, Span<float> error, double[] spikes, ref double lossSum)
        {
            _loss = loss;
            _readout = readout;
            _labels = labels;
            _error = error;
            _spikes = spikes;
            _lossSum = ref lossSum;
        }

        public void AfterStep(SpikingNetwork network, int step)
        {
            network.OutputToHost();
            _lossSum += _loss.Step(step, network.Output.ActiveSpan(network.Output.Trace), network.Output.ActiveSpan(network.Output.Spikes), _labels, _error);
            _readout.Accumulate(network.Output, network.Compute);
            for (int l = 0; l < network.Layers.Count; l++)
                _spikes[l] += network.Compute.Sum(network.Layers[l].ActiveSpan(network.Layers[l].Spikes));
        }
    }
}
