using Microcircuit.Layers;
using Microcircuit.Training;

namespace Microcircuit.Analysis;

/// <summary>
/// One pass over an experiment's test split without learning: the confusion matrix of the spike-count readout and
/// every cell's firing rate (spikes per cell per time step).
/// </summary>
public sealed record TestSetSurvey(int Samples, double Accuracy, int[,] Confusion, IReadOnlyList<double[]> CellRates)
{
    public static TestSetSurvey Measure(Experiment x, CancellationToken cancel = default)
    {
        var network = x.Network;
        var split = x.Test;
        int dim = network.SampleSize, classes = network.Output.Outputs, batch = x.Options.Batch, steps = x.Steps;
        var pixels = new float[batch * dim];
        var readout = new SpikeCountReadout();
        var confusion = new int[classes, classes];
        var counts = network.Layers.Select(l => new double[l.Outputs]).ToArray();
        var labels = split.Labels.Span;
        int correct = 0;
        for (int start = 0; start < split.Count; start += batch)
        {
            cancel.ThrowIfCancellationRequested();
            int n = Math.Min(batch, split.Count - start);
            for (int b = 0; b < n; b++) split.CopyNormalised(start + b, pixels.AsSpan(b * dim, dim), x.Normalisation);
            network.BeginBatch(pixels.AsSpan(0, n * dim), n);
            readout.Reset(n, classes);
            var step = new SurveyStep(readout, counts);
            network.Run(steps, x.Random.Evaluation, computeGates: false, ref step);
            for (int b = 0; b < n; b++)
            {
                int predicted = readout.Predict(b), label = labels[start + b];
                confusion[label, predicted]++;
                if (predicted == label) correct++;
            }
        }
        double denominator = Math.Max(split.Count, 1) * (double)steps;
        var rates = counts.Select(c => c.Select(v => v / denominator).ToArray()).ToArray();
        return new TestSetSurvey(split.Count, (double)correct / Math.Max(split.Count, 1), confusion, rates);
    }

    /// <summary>One step of the survey: the read-out, and each cell's spikes summed over the split.</summary>
    private readonly struct SurveyStep(SpikeCountReadout readout, double[][] counts) : IStepObserver
    {
        public void AfterStep(SpikingNetwork network, int step)
        {
            readout.Accumulate(network.Output, network.Compute);
            for (int l = 0; l < network.Layers.Count; l++)
            {
                var layer = network.Layers[l];
                layer.StateToHost(layer.Spikes);
                var spikes = layer.ActiveSpan(layer.Spikes);
                for (int i = 0; i < spikes.Length; i++) counts[l][i % layer.Outputs] += spikes[i];
            }
        }
    }
}
