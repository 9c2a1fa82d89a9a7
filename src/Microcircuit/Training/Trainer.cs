using System.Diagnostics;
using Microcircuit.Errors;
using Microcircuit.Layers;
using Microcircuit.Learning;
using Microcircuit.Learning.Alignment;
using Microcircuit.Losses;
using Microcircuit.Optimizers;

namespace Microcircuit.Training;

/// <summary>
/// The training loop: per batch, the shared forward pass step by step, the shared loss, the rule's credit
/// assignment, then the optimiser, the weight clamp and (optionally) Dale's sign constraint.
/// </summary>
public sealed class Trainer(Experiment experiment, ITrainingObserver? observer = null)
{
    private readonly SpikeCountReadout _readout = new();

    public Experiment Experiment { get; } = experiment;

    /// <summary>Epochs already done (a resumed run's history); training continues after the last.</summary>
    public IReadOnlyList<EpochMetrics> Completed { get; init; } = [];

    /// <summary>When to write checkpoints; null writes none.</summary>
    public IEpochArchive? Checkpoints { get; init; }

    public TrainingResult Run(CancellationToken cancel = default)
    {
        var options = Experiment.Options;
        var history = new List<EpochMetrics>(Completed);
        var total = Stopwatch.StartNew();
        if (history.Count == 0 && options.InitRate is { } rate) Calibrate(rate);
        for (int epoch = history.Count + 1; epoch <= options.Epochs!.Value; epoch++)
        {
            history.Add(RunEpoch(epoch, cancel));
            Checkpoints?.AfterEpoch(Experiment, history);
        }
        return new TrainingResult(options, history, total.Elapsed.TotalSeconds, Experiment.Data.Source);
    }

    /// <summary>The samples the initial weights are calibrated on (--init-rate): the first of the training split, in file order.</summary>
    public const int CalibrationSamples = 16;

    /// <summary>Scales the initial weights layer by layer to fire at <paramref name="rate"/> (before the first epoch only).</summary>
    public void Calibrate(float rate)
    {
        var x = Experiment;
        int dim = x.Network.SampleSize, n = Math.Min(CalibrationSamples, x.Train.Count);
        var pixels = new float[n * dim];
        for (int b = 0; b < n; b++) x.Train.CopyNormalised(b, pixels.AsSpan(b * dim, dim), x.Normalisation);
        var scales = FiringRateCalibration.Calibrate(x.Network, pixels, n, x.StepsAt(1), rate, Randomness.SeededRandom.Derive(x.Options.Seed, 8));
        observer?.OnCalibrated(rate, scales);
    }

    /// <summary>Trains one epoch, then evaluates on the test split.</summary>
    public EpochMetrics RunEpoch(int epoch, CancellationToken cancel = default)
    {
        var x = Experiment;
        var network = x.Network;
        var options = x.Options;
        var train = x.Train;
        int dim = network.SampleSize, classes = network.Output.Outputs, batchSize = options.Batch, steps = x.StepsAt(epoch);
        int epochs = options.Epochs!.Value;

        var order = new int[train.Count];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        x.Random.Shuffle.Shuffle(order);

        var pixels = new float[batchSize * dim];
        var original = new float[dim];
        var data = x.Data;
        var labels = new byte[batchSize];
        var error = new float[batchSize * classes];
        var gradients = new Gradients(network.Layers, network.Compute);
        var trainLabels = train.Labels.Span;

        double lossSum = 0;
        long correct = 0, seen = 0;
        var alignment = new List<AlignmentSample>();
        var clock = Stopwatch.StartNew();
        for (int start = 0; start < order.Length; start += batchSize)
        {
            cancel.ThrowIfCancellationRequested();
            int n = Math.Min(batchSize, order.Length - start);
            x.Optimizer.BeginBatch(((epoch - 1) * (double)order.Length + start) / ((double)epochs * order.Length));
            for (int b = 0; b < n; b++)
            {
                int index = order[start + b];
                if (x.Augmentation.IsActive)
                {
                    train.CopyNormalised(index, original, x.Normalisation);
                    x.Augmentation.Apply(original, pixels.AsSpan(b * dim, dim), data.Channels, data.Height, data.Width, x.Background, x.Random.Augmentation);
                }
                else
                {
                    train.CopyNormalised(index, pixels.AsSpan(b * dim, dim), x.Normalisation);
                }
                labels[b] = trainLabels[index];
            }

            long batchIndex = (epoch - 1) * (long)((order.Length + batchSize - 1) / batchSize) + start / batchSize;
            bool probe = x.Alignment?.Measures(batchIndex) == true;
            var outcome = TrainBatch(pixels.AsSpan(0, n * dim), labels.AsSpan(0, n), error, gradients, steps, probe ? x.Alignment : null);
            double batchLoss = outcome.Loss;
            if (outcome.Alignment is { } sample)
            {
                var stamped = sample with { Epoch = epoch, Batch = batchIndex };
                alignment.Add(stamped);
                observer?.OnAlignment(stamped);
            }
            if (!double.IsFinite(batchLoss) || !outcome.WeightsFinite)
                throw MicrocircuitException.Keyed(ErrorKind.Divergence,
                    $"training diverged in epoch {epoch} after {seen + n} samples (loss {batchLoss}); lower {{learning_rate}}, keep {{weight_clamp}} on (it bounds the weights) or, with SGD, turn on {{clip_norm}}.");
            lossSum += batchLoss;
            for (int b = 0; b < n; b++)
                if (_readout.Predict(b) == labels[b]) correct++;
            seen += n;
            observer?.OnBatch(new BatchProgress(epoch, epochs, seen, order.Length, lossSum / seen, (double)correct / seen,
                seen / Math.Max(clock.Elapsed.TotalSeconds, 1e-9)));
        }
        double trainSeconds = clock.Elapsed.TotalSeconds;

        observer?.OnEvaluationStarted(epoch);
        var evaluator = new Evaluator(network, x.LossFor(steps), steps, batchSize);
        var test = evaluator.Evaluate(x.Test, x.Normalisation, x.Random.Evaluation, cancel);
        var errorCells = x.Rule is MicrocircuitRule { SpikingErrorCells: true } circuit ? circuit.TakeErrorCellStatistics() : null;
        var graded = alignment.Where(a => a.VersusGraded is not null).Select(a => a.VersusGraded!).ToList();
        var metrics = new EpochMetrics(epoch, lossSum / Math.Max(seen, 1), (double)correct / Math.Max(seen, 1),
            test.Loss, test.Accuracy, trainSeconds, seen / Math.Max(trainSeconds, 1e-9), test.FiringRates,
            alignment.Count == 0 ? null : MeanPerLayer(alignment.Select(a => a.VersusBptt)),
            errorCells?.Select(c => c.Rate).ToArray(), errorCells?.Select(c => c.Saturated).ToArray(),
            graded.Count == 0 ? null : MeanPerLayer(graded));
        observer?.OnEpoch(metrics);
        return metrics;
    }

    /// <summary>What one batch gave: its summed loss, the alignment measured on it (with a probe), and whether every weight stayed finite.</summary>
    public readonly record struct BatchOutcome(double Loss, AlignmentSample? Alignment, bool WeightsFinite);

    private static double[] MeanPerLayer(IEnumerable<IReadOnlyList<double>> samples)
    {
        var list = samples.ToList();
        return Enumerable.Range(0, list[0].Count).Select(l => list.Select(s => s[l]).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average()).ToArray();
    }

    /// <summary>
    /// One batch of <paramref name="steps"/> steps: forward pass, loss, credit assignment and update. With a probe, the
    /// reference rules watch the same batch and the alignment of this batch's update is measured before it is applied.
    /// </summary>
    public BatchOutcome TrainBatch(ReadOnlySpan<float> pixels, ReadOnlySpan<byte> labels, Span<float> error, Gradients gradients, int steps, AlignmentProbe? probe = null)
    {
        var x = Experiment;
        var network = x.Network;
        int n = labels.Length, classes = network.Output.Outputs;
        network.BeginBatch(pixels, n);
        _readout.Reset(n, classes);
        gradients.Clear();
        x.Rule.BeginBatch(network);
        probe?.BeginBatch(network);
        var step = new TrainingStep(x.LossFor(steps), x.Rule, probe, _readout, gradients, labels, error[..(n * classes)]);
        network.Run(steps, x.Random.Encoding, computeGates: true, ref step);
        double loss = step.Loss;
        x.Rule.EndBatch(network, gradients);
        var alignment = probe?.EndBatch(network, x.Rule, gradients, 0, 0);
        WeightConstraints.ClipNorm(network.Compute, gradients, x.Options.ClipNorm);
        x.Optimizer.Step(network.Compute, network.Layers, gradients);
        bool finite = WeightConstraints.Clamp(network.Compute, network.Layers, x.Options.WeightClamp);
        foreach (var layer in network.Layers) layer.EnforceFixedSigns(network.Compute);
        return new BatchOutcome(loss, alignment, finite);
    }

    /// <summary>One training step: the loss and its output error, the read-out, the rule and the probe watch it.</summary>
    private ref struct TrainingStep(ISpikingLoss loss, ICreditAssignment rule, AlignmentProbe? probe, SpikeCountReadout readout,
        Gradients gradients, ReadOnlySpan<byte> labels, Span<float> error) : IStepObserver
    {
        private readonly ReadOnlySpan<byte> _labels = labels;
        private readonly Span<float> _error = error;

        public double Loss { get; private set; }

        public void AfterStep(SpikingNetwork network, int step)
        {
            network.OutputToHost();
            Loss += loss.Step(step, network.Output.ActiveSpan(network.Output.Trace), network.Output.ActiveSpan(network.Output.Spikes), _labels, _error);
            readout.Accumulate(network.Output, network.Compute);
            rule.AfterStep(network, _error, gradients);
            probe?.AfterStep(network, _error);
        }
    }
}
