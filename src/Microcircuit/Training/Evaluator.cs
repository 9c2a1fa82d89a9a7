using System.Numerics.Tensors;
using Microcircuit.Data;
using Microcircuit.Layers;
using Microcircuit.Losses;
using Microcircuit.Randomness;

namespace Microcircuit.Training;

/// <summary>Runs the network forward over a split without learning and measures accuracy, loss and firing rates.</summary>
public sealed class Evaluator(SpikingNetwork network, ISpikingLoss loss, int steps, int batch)
{
    private readonly SpikeCountReadout _readout = new();
    private float[] _pixels = [];
    private byte[] _labels = [];
    private float[] _error = [];

    public EvaluationResult Evaluate(DatasetSplit split, Normalisation normalisation, SeededRandom random, CancellationToken cancel = default)
    {
        int dim = network.InputSize, classes = network.Output.Outputs;
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
            network.BeginBatch(_pixels.AsSpan(0, n * dim), n);
            _readout.Reset(n, classes);
            for (int t = 1; t <= steps; t++)
            {
                network.Advance(random, computeGates: false);
                lossSum += loss.Step(t, network.Output.ActiveSpan(network.Output.Trace), network.Output.ActiveSpan(network.Output.Spikes), _labels.AsSpan(0, n), _error);
                _readout.Accumulate(network.Output);
                for (int l = 0; l < network.Layers.Count; l++)
                    spikes[l] += TensorPrimitives.Sum(network.Layers[l].ActiveSpan(network.Layers[l].Spikes));
            }
            for (int b = 0; b < n; b++)
                if (_readout.Predict(b) == _labels[b]) correct++;
        }
        int count = Math.Max(split.Count, 1);
        var rates = network.Layers.Select((l, i) => spikes[i] / ((double)count * steps * l.Outputs)).ToArray();
        return new EvaluationResult(split.Count, (double)correct / count, lossSum / count, rates);
    }

    private void EnsureBuffers(int dim, int classes)
    {
        if (_pixels.Length >= batch * dim) return;
        _pixels = new float[batch * dim];
        _labels = new byte[batch];
        _error = new float[batch * classes];
    }
}
