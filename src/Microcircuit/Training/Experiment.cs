using Microcircuit.Circuits;
using Microcircuit.Compute;
using Microcircuit.Data;
using Microcircuit.Encoding;
using Microcircuit.Errors;
using Microcircuit.Layers;
using Microcircuit.Learning;
using Microcircuit.Learning.Alignment;
using Microcircuit.Losses;
using Microcircuit.Neurons;
using Microcircuit.Optimizers;

namespace Microcircuit.Training;

/// <summary>Everything a run is made of, built from resolved options and a dataset: network, rule, loss, optimiser.</summary>
public sealed class Experiment
{
    public Experiment(TrainingOptions options, LabelledDataset data) : this(options, data, null)
    {
    }

    /// <param name="parts">An encoder or loss of the program's own, in place of the ones the options name.</param>
    public Experiment(TrainingOptions options, LabelledDataset data, ExperimentParts? parts)
    {
        _parts = parts;
        options = options.Resolve();
        options.Validate();
        Options = options;
        Data = data;
        Random = new RandomStreams(options.Seed);
        Steps = options.Steps!.Value;
        Epochs = options.Epochs!.Value;
        if (parts?.Encoder is null) CheckInput(options, data);
        var encoder = parts?.Encoder?.Invoke(Steps) ?? InputEncoders.Create(options.Encoder!.Value, Steps);
        var shape = options.Net is { } net
            ? NetworkNotation.Parse(net, new ImageShape(data.Channels, data.Height, data.Width), data.Classes)
            : new NetworkShape(data.Train.Dimension, options.Hidden!, data.Classes);
        shape.ThrowIfTooLarge();
        try
        {
            Network = new SpikingNetwork(shape, options.Lif, options.Surrogate, encoder, options.Bias, Random.Initialisation, options.PoolThreshold, options.InitGain,
                parts?.Neuron?.Invoke(options.Lif))
            {
                Compute = Backend(parts, options.Device, options.Threads ?? KernelThreads.Default(shape.IsConvolutional, Environment.ProcessorCount)),
                EventDrivenDensity = options.EventDensity,
                EligibilityDecay = SynapticEligibility.Decay(options.EligibilityTau),
            };
            if (options.Dale) foreach (var layer in Network.Layers) layer.FixSigns();
            var stdp = options.Hebbian == HebbianForm.Stdp ? new SpikeTimingSampler(Random.ErrorSpikes, LargestInput(encoder, data.Normalisation)) : null;
            Rule = CreditAssignmentRules.Create(options.Rule, Network, options.ErrorCells, options.ErrorCellCoding, Random.Feedback, Random.ErrorSpikes, stdp);
            Alignment = options.AlignmentEvery > 0 ? new AlignmentProbe(Network, options.AlignmentEvery, Rule) : null;
            Loss = CreateLoss(Steps, data.Classes);
            float lr = options.LearningRate!.Value;
            Optimizer = options.Optimizer switch
            {
                OptimizerKind.Sgd => new Sgd(lr, options.Schedule!.Value),
                OptimizerKind.BatchManhattan => new BatchManhattan(Network.Layers, lr, options.Momentum, options.RelativeStep, options.Schedule!.Value, Network.Compute),
                _ => new Adam(Network.Layers, lr, weightDecay: options.WeightDecay, schedule: options.Schedule!.Value, memory: Network.Compute),
            };
        }
        catch (OutOfMemoryException e)
        {
            throw MemoryDemand.Shortage("building the network", options, shape, e);
        }
        Normalisation = encoder.UsesIntensity
            ? new Normalisation(data.Normalisation.Scale, new float[data.Channels], Enumerable.Repeat(1f, data.Channels).ToArray())
            : data.Normalisation;
        Augmentation = new Augmentation(options.AugmentShift ?? 0, options.AugmentFlip);
        Background = Enumerable.Range(0, data.Channels).Select(c => (0f - Normalisation.Mean[c]) / Normalisation.Std[c]).ToArray();
        Train = (options.TrainLimit is { } tl && tl < data.Train.Count ? data.Train.Take(tl) : data.Train).InFrames(Steps);
        Test = (options.TestLimit is { } vl && vl < data.Test.Count ? data.Test.Take(vl) : data.Test).InFrames(Steps);
        if (Train.Count == 0 || Test.Count == 0)
            throw new MicrocircuitException(ErrorKind.DatasetCorrupt,
                $"{data.Name} from {data.Source} holds no {(Train.Count == 0 ? "training" : "test")} samples, so no accuracy could mean anything; give a dataset whose both splits hold samples.");
    }

    /// <summary>Event streams need the events encoder and a fixed T; images need an image encoder.</summary>
    private static void CheckInput(TrainingOptions options, LabelledDataset data)
    {
        bool events = options.Encoder == EncoderKind.Events;
        if (data.Train.IsTemporal && !events)
            throw new OptionException("encoder", $"{data.Name} holds event streams, which only {{encoder}} events can present; use {{encoder}} events (its default).");
        if (!data.Train.IsTemporal && events)
            throw new OptionException("encoder", $"{{encoder}} events presents event streams, and {data.Name} holds images; use {{encoder}} direct, rate or latency, or an event dataset (nmnist, shd, dvs-gesture).");
        if (events && options.StepsStart is not null)
            throw new OptionException("steps_start", "{steps_start} does not combine with {encoder} events (the events are binned into T frames once); drop {steps_start}.");
        if (events && (options.AugmentShift is > 0 || options.AugmentFlip))
            throw new OptionException("augment_shift", "{augment_shift} and {augment_flip} move images; event streams are not augmented here; drop them.");
    }

    /// <summary>The largest |value| the first layer's presynaptic trace can take: a normalised pixel's, or 1 for spikes.</summary>
    private static float LargestInput(IInputEncoder encoder, Normalisation normalisation) =>
        !encoder.IsConstant || encoder.UsesIntensity ? 1f
            : Enumerable.Range(0, normalisation.Channels).Max(c => Math.Max(Math.Abs(normalisation.Mean[c] / normalisation.Std[c]), Math.Abs((1f - normalisation.Mean[c]) / normalisation.Std[c])));

    /// <summary>The resolved options: every dataset default filled in.</summary>
    public TrainingOptions Options { get; }
    /// <summary>Time steps per sample, T (the last epoch's when the simulation length ramps).</summary>
    public int Steps { get; }
    public int Epochs { get; }
    public LabelledDataset Data { get; }
    public RandomStreams Random { get; }
    public SpikingNetwork Network { get; }
    public ICreditAssignment Rule { get; }
    /// <summary>Measures the rule against BPTT and time-local BP every few batches, when asked for.</summary>
    public AlignmentProbe? Alignment { get; }
    public ISpikingLoss Loss { get; }
    public IOptimizer Optimizer { get; }
    public Normalisation Normalisation { get; }
    public Augmentation Augmentation { get; }
    /// <summary>The normalised value of a black pixel per channel (what augmentation fills uncovered borders with).</summary>
    public float[] Background { get; }
    public DatasetSplit Train { get; }
    public DatasetSplit Test { get; }

    /// <summary>
    /// The class the network reads out for each sample of <paramref name="split"/> (a split of this experiment's dataset
    /// or one built alike with <see cref="DatasetSplit.FromBytes"/>, <see cref="DatasetSplit.FromFloats"/> or
    /// <see cref="DatasetSplit.FromEvents"/>), at T = <see cref="Steps"/>, without learning. Stochastic encoders draw from
    /// a stream of their own, so predicting never changes what training does next.
    /// </summary>
    public int[] Predict(DatasetSplit split, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(split);
        var frames = split.InFrames(Steps);
        if (frames.SampleLength != Network.SampleSize)
            throw new ArgumentException($"The split's samples hold {frames.SampleLength} values; this network takes {Network.SampleSize}.", nameof(split));
        var evaluator = new Evaluator(Network, Loss, Steps, Options.Batch);
        return evaluator.Predict(frames, Normalisation, Randomness.SeededRandom.Derive(Options.Seed, 9), cancel);
    }

    /// <summary>T in training epoch <paramref name="epoch"/> (1-based): <see cref="Steps"/> unless --steps-start ramps it.</summary>
    public int StepsAt(int epoch) =>
        Options.StepsStart is { } first ? SimulationLengthRamp.At(first, Steps, epoch, Epochs) : Steps;

    private readonly Dictionary<int, ISpikingLoss> _lossBySteps = [];

    /// <summary>The loss for a simulation of <paramref name="steps"/> steps (<see cref="Loss"/> at T; built once per other T).</summary>
    public ISpikingLoss LossFor(int steps)
    {
        if (steps == Steps) return Loss;
        if (!_lossBySteps.TryGetValue(steps, out var loss))
        {
            loss = CreateLoss(steps, Data.Classes);
            _lossBySteps[steps] = loss;
        }
        return loss;
    }

    private readonly ExperimentParts? _parts;

    private static IComputeBackend Backend(ExperimentParts? parts, string device, int threads) =>
        parts?.Compute?.Invoke(threads) ?? ComputeBackends.Create(device, threads);

    private ISpikingLoss CreateLoss(int steps, int classes) =>
        _parts?.Loss?.Invoke(steps, classes) ?? CreateLoss(Options, steps, classes);

    private static ISpikingLoss CreateLoss(TrainingOptions options, int steps, int classes) =>
        options.Loss == LossKind.SpikeCount
            ? new SpikeCountLoss(steps, classes, options.DesiredCount!.Value, options.UndesiredCount)
            : new SpikeTrainLoss(options.Lif, steps, classes);
}
