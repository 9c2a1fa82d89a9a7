using System.Text.Json.Serialization;
using Microcircuit.Circuits;
using Microcircuit.Encoding;
using Microcircuit.Errors;
using Microcircuit.Layers;
using Microcircuit.Losses;
using Microcircuit.Neurons;
using Microcircuit.Optimizers;

namespace Microcircuit.Training;

/// <summary>
/// Every hyperparameter of a training run, with docs/paper.md's defaults. A preset or config file binds to this one
/// record; command-line options override it.
/// </summary>
public sealed record TrainingOptions
{
    public string Dataset { get; init; } = "digits";
    public string Rule { get; init; } = "microcircuit";
    /// <summary>Hidden layer sizes; null takes the dataset's default network.</summary>
    public IReadOnlyList<int>? Hidden { get; init; }
    /// <summary>
    /// The network in the lab's notation (e.g. 15C5-P2-40C5-P2-300-10, layers above the input); when set it replaces
    /// <see cref="Hidden"/>.
    /// </summary>
    public string? Net { get; init; }
    /// <summary>
    /// θ_pool, the threshold of spiking average-pooling cells; null: derived from each pool, 1/k² for a k×k window, so that
    /// one input spike in a window can make the pooled cell fire as a relay does (the value every preset set by hand).
    /// </summary>
    public float? PoolThreshold { get; init; }
    /// <summary>Multiplies the Kaiming std of every layer above the first (1 = docs/paper.md's initialisation).</summary>
    public float InitGain { get; init; } = 1f;
    /// <summary>
    /// Scale each plastic layer's initial weights, bottom to top, so that it fires at this mean rate on the first
    /// training samples (data-driven initialisation for deep networks); null = off.
    /// </summary>
    public float? InitRate { get; init; }
    /// <summary>Epochs; null takes the dataset's default.</summary>
    public int? Epochs { get; init; }
    public int Batch { get; init; } = 100;
    /// <summary>Time steps per sample T; null takes the dataset's default (5 for the paper's datasets).</summary>
    public int? Steps { get; init; }
    /// <summary>
    /// Progressive simulation length: T of the first epoch, from which T moves linearly to <see cref="Steps"/> in the
    /// last epoch (<see cref="SimulationLengthRamp"/>); null = T throughout.
    /// </summary>
    public int? StepsStart { get; init; }
    /// <summary>Learning rate; null takes the dataset's default (5e-4 for the paper's datasets).</summary>
    public float? LearningRate { get; init; }
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Adam;
    /// <summary>Learning-rate schedule; null takes the dataset's default (constant for the paper's datasets).</summary>
    public LearningRateSchedule? Schedule { get; init; }
    public float WeightDecay { get; init; }
    /// <summary>Batch Manhattan's momentum β: the sign is taken of m ← β·m + G (0 = the plain rule).</summary>
    public float Momentum { get; init; }
    /// <summary>Batch Manhattan's step per layer is η × RMS of the layer's weights instead of η (see <see cref="Optimizers.BatchManhattan"/>).</summary>
    public bool RelativeStep { get; init; }
    /// <summary>Global gradient-norm clipping threshold; 0 = off.</summary>
    public float ClipNorm { get; init; }
    /// <summary>Weights are clamped to [−c, c] after each step; 0 = off.</summary>
    public float WeightClamp { get; init; } = 4f;
    public ulong Seed { get; init; } = 1;
    public int? TrainLimit { get; init; }
    public int? TestLimit { get; init; }
    /// <summary>Input encoding; null takes the dataset's default (direct for the paper's datasets).</summary>
    public EncoderKind? Encoder { get; init; }
    public float TauMembrane { get; init; } = 5f;
    public float TauSynapse { get; init; } = 3f;
    public float Threshold { get; init; } = 1f;
    /// <summary>
    /// Time constant τe of the synaptic eligibility trace the Hebbian product reads (0 = off: the presynaptic trace
    /// itself, docs/paper.md §5; τe = τm adds the postsynaptic membrane's memory, e-prop's eligibility trace).
    /// </summary>
    public float EligibilityTau { get; init; }
    public GateKind Gate { get; init; } = GateKind.Logistic;
    public float GateWidth { get; init; } = 0.2f;
    public ErrorCellMode ErrorCells { get; init; } = ErrorCellMode.Graded;
    /// <summary>The error function of docs/paper.md §5: the spike-train loss (default) or the one-sided spike-count loss.</summary>
    public LossKind Loss { get; init; } = LossKind.SpikeTrain;
    /// <summary>Spike-count loss: the spikes the label neuron should fire in T steps; null takes the desired train's count (4 for T = 5).</summary>
    public float? DesiredCount { get; init; }
    /// <summary>Spike-count loss: the spikes every other output neuron may fire in T steps without penalty.</summary>
    public float UndesiredCount { get; init; }
    /// <summary>δ_max, the error one spike of a spiking error cell carries (with an adaptive gain, its first value).</summary>
    public float ErrorSpikeValue { get; init; } = 1f;
    /// <summary>How spiking error cells code δ: Bernoulli spikes (docs/paper.md §3 as written) or an integrate-and-fire (sigma-delta) pair.</summary>
    public ErrorCoding ErrorCoding { get; init; } = ErrorCoding.SigmaDelta;
    /// <summary>Whether δ_max is fixed (error_spike_value) or set per layer by a homeostatic gain.</summary>
    public ErrorGain ErrorGain { get; init; } = ErrorGain.Adaptive;
    /// <summary>With an adaptive gain: the firing rate (spikes per error cell per step) the gain holds the error cells at.</summary>
    public float ErrorRate { get; init; } = 0.1f;
    /// <summary>The most spikes an error cell fires in one step.</summary>
    public int ErrorBurst { get; init; } = 16;
    /// <summary>E⁺/E⁻ pairs per pyramidal cell.</summary>
    public int ErrorPairs { get; init; } = 1;
    /// <summary>The microcircuit's Hebbian product: with the presynaptic trace (docs/paper.md §5) or its STDP sampling form.</summary>
    public HebbianForm Hebbian { get; init; } = HebbianForm.Trace;
    /// <summary>Random shift of training images by up to this many pixels (random crop of the padded image); null takes the dataset's default.</summary>
    public int? AugmentShift { get; init; }
    /// <summary>Random horizontal flips of training images.</summary>
    public bool AugmentFlip { get; init; }
    public bool Dale { get; init; }
    public bool Bias { get; init; }
    /// <summary>
    /// Threads for the matrix and convolution kernels and the per-cell passes (the same bits for any count); null: every
    /// processor for a convolutional network, one for a dense one (its per-step products are too small to share).
    /// </summary>
    public int? Threads { get; init; }
    /// <summary>
    /// The compute back end by name (<see cref="Compute.ComputeBackends"/>): "cpu", or one a program registered ("cuda" in the
    /// tool); kept in lower case without surrounding spaces, however it was written.
    /// </summary>
    public string Device { get; init => field = value?.Trim().ToLowerInvariant()!; } = Compute.ComputeBackends.Cpu;
    /// <summary>A layer takes its current event-driven in steps where at most this fraction of its spiking inputs fired (0 = never).</summary>
    public float EventDensity { get; init; } = 0.2f;
    /// <summary>Measure the update's angle to BPTT and time-local BP every N batches (0 = off).</summary>
    public int AlignmentEvery { get; init; }
    public string? DataDir { get; init; }
    public bool VerifyData { get; init; } = true;

    /// <summary>The network's layers above the input as the notation writes them, e.g. 800-10 or 15C5-P2-40C5-P2-300-10 (resolved options only).</summary>
    public string Architecture(int classes) => Net ?? string.Join('-', [.. (Hidden ?? []), classes]);

    [JsonIgnore] public LifParameters Lif => new(TauMembrane, TauSynapse, Threshold);
    [JsonIgnore] public SurrogateGradient Surrogate => new(Gate, GateWidth);
    [JsonIgnore] public ErrorCellCoding ErrorCellCoding => new(ErrorCoding, ErrorGain, ErrorSpikeValue, ErrorRate, ErrorBurst, ErrorPairs);

    /// <summary>Fills the dataset-dependent defaults.</summary>
    public TrainingOptions Resolve()
    {
        var d = DatasetDefaults.For(Dataset);
        return this with
        {
            Hidden = Net is null ? Hidden ?? d.Hidden : null,
            Epochs = Epochs ?? d.Epochs,
            LearningRate = LearningRate ?? d.LearningRate,
            Steps = Steps ?? d.Steps,
            Encoder = Encoder ?? d.Encoder,
            Schedule = Schedule ?? d.Schedule,
            AugmentShift = AugmentShift ?? d.AugmentShift,
            DesiredCount = Loss == LossKind.SpikeCount ? DesiredCount ?? SpikeCountLoss.DefaultDesiredCount(Steps ?? d.Steps) : DesiredCount,
        };
    }

    /// <summary>The largest mini-batch: batch × input size must fit one array.</summary>
    public const int MaxBatch = 65_536;

    /// <summary>The most spikes an error cell may fire in a step, and the most error-cell pairs per pyramidal cell.</summary>
    public const int MaxErrorBurst = 16, MaxErrorPairs = 16;

    /// <summary>The largest T (the paper uses 5; the rules keep per-step state of the whole batch).</summary>
    public const int MaxSteps = 10_000;

    /// <summary>
    /// Throws an <see cref="OptionException"/> naming the first impossible value by its config key. Every number must
    /// be finite: an infinite time constant, clip or clamp is refused, never taken as "off".
    /// </summary>
    public void Validate()
    {
        static void Fail(string key, string message) => throw new OptionException(key, message);
        static bool Finite(float value) => float.IsFinite(value);
        if (Epochs is <= 0) Fail("epochs", $"{{epochs}} must be at least 1 (got {Epochs}).");
        if (Batch is <= 0 or > MaxBatch) Fail("batch", $"{{batch}} must be between 1 and {MaxBatch} (got {Batch}).");
        if (Steps is <= 0 or > MaxSteps) Fail("steps", $"{{steps}} (T) must be between 1 and {MaxSteps} (got {Steps}).");
        if (StepsStart is <= 0 or > MaxSteps) Fail("steps_start", $"{{steps_start}} must be between 1 and {MaxSteps} (got {StepsStart}).");
        if (StepsStart is not null && Encoder == EncoderKind.Latency)
            Fail("steps_start", "{steps_start} does not combine with {encoder} latency (its firing times are laid out over T); use {encoder} direct or rate, or drop {steps_start}.");
        if (LearningRate is { } lr && (!(lr > 0f) || !Finite(lr))) Fail("learning_rate", $"{{learning_rate}} must be a positive number (got {lr}).");
        if (!(WeightDecay >= 0f) || !Finite(WeightDecay)) Fail("weight_decay", $"{{weight_decay}} must be zero or a positive number (got {WeightDecay}).");
        if (!(Momentum >= 0f && Momentum < 1f)) Fail("momentum", $"{{momentum}} must lie in [0, 1) (got {Momentum}); e.g. {{momentum}} 0.9.");
        if (Momentum > 0f && Optimizer != OptimizerKind.BatchManhattan)
            Fail("momentum", "{momentum} applies to {optimizer} manhattan (Adam keeps its own running mean); drop {momentum} or add {optimizer} manhattan.");
        if (RelativeStep && Optimizer != OptimizerKind.BatchManhattan)
            Fail("relative_step", "{relative_step} applies to {optimizer} manhattan (Adam and SGD scale their own steps); drop {relative_step} or add {optimizer} manhattan.");
        if (!(ClipNorm >= 0f) || !Finite(ClipNorm)) Fail("clip_norm", $"{{clip_norm}} must be zero (off) or a positive number (got {ClipNorm}).");
        if (!(WeightClamp >= 0f) || !Finite(WeightClamp)) Fail("weight_clamp", $"{{weight_clamp}} must be zero (off) or a positive number (got {WeightClamp}).");
        if (TrainLimit is <= 0) Fail("train_limit", $"{{train_limit}} must be at least 1 (got {TrainLimit}).");
        if (TestLimit is <= 0) Fail("test_limit", $"{{test_limit}} must be at least 1 (got {TestLimit}).");
        if (AugmentShift is < 0 or > 64) Fail("augment_shift", $"{{augment_shift}} must be between 0 and 64 pixels (got {AugmentShift}).");
        if (!(EventDensity >= 0f && EventDensity <= 1f)) Fail("event_density", $"{{event_density}} must be between 0 (never) and 1 (always) (got {EventDensity}).");
        if (AlignmentEvery < 0) Fail("alignment_every", $"{{alignment_every}} must be zero (off) or a positive number of batches (got {AlignmentEvery}).");
        if (Threads is < 1 or > 256) Fail("threads", $"{{threads}} must be between 1 and 256 (got {Threads}).");
        if (string.IsNullOrWhiteSpace(Device)) Fail("device", "{device} must name a compute back end, e.g. cpu.");
        if (!(ErrorSpikeValue > 0f) || !Finite(ErrorSpikeValue)) Fail("error_spike_value", $"{{error_spike_value}} must be a positive number (got {ErrorSpikeValue}).");
        if (!(ErrorRate > 0f && ErrorRate <= 1f)) Fail("error_rate", $"{{error_rate}} must lie in (0, 1] spikes per error cell per step (got {ErrorRate}); e.g. {{error_rate}} 0.1.");
        if (ErrorBurst is < 1 or > MaxErrorBurst) Fail("error_burst", $"{{error_burst}} must be between 1 and {MaxErrorBurst} spikes per step (got {ErrorBurst}).");
        if (Hebbian == HebbianForm.Stdp && Rule != "microcircuit")
            Fail("hebbian", "{hebbian} stdp is a form of the microcircuit's Hebbian product; use {rule} microcircuit or drop {hebbian}.");
        if (Hebbian == HebbianForm.Stdp && EligibilityTau != 0f)
            Fail("hebbian", "{hebbian} stdp samples the presynaptic trace itself; drop {eligibility_tau} or {hebbian}.");
        if (ErrorPairs is < 1 or > MaxErrorPairs) Fail("error_pairs", $"{{error_pairs}} must be between 1 and {MaxErrorPairs} pairs per cell (got {ErrorPairs}).");
        if (Hidden is { } hidden && hidden.Any(h => h is <= 0 or > NetworkShape.MaxLayerSize))
            Fail("hidden", $"{{hidden}} sizes must be between 1 and {NetworkShape.MaxLayerSize} (got {string.Join(',', hidden)}); e.g. 800 or 400,400.");
        if (Net is not null && Hidden is not null) Fail("net", "{net} and {hidden} both describe the network; give only one of them.");
        if (InitRate is { } rate && !(rate > 0f && rate < 1f)) Fail("init_rate", $"{{init_rate}} must lie between 0 and 1 (got {rate}); e.g. {{init_rate}} 0.15.");
        if (!(InitGain > 0f) || InitGain > 100f) Fail("init_gain", $"{{init_gain}} must be a positive number up to 100 (got {InitGain}).");
        if (PoolThreshold is { } pool && (!(pool > 0f) || !Finite(pool))) Fail("pool_threshold", $"{{pool_threshold}} must be a positive number (got {PoolThreshold}).");
        if (!Learning.CreditAssignmentRules.Names.Contains(Rule))
            Fail("rule", $"{{rule}} '{OptionException.Quote(Rule)}' is unknown; choose one of: {string.Join(", ", Learning.CreditAssignmentRules.Names)}.");
        if (!DatasetDefaults.IsKnown(Dataset))
            Fail("dataset", $"{{dataset}} '{OptionException.Quote(Dataset)}' is unknown; choose one of: {string.Join(", ", DatasetDefaults.Names)}, or give a file path ending in .npz or .csv.");
        if (!(EligibilityTau == 0f || EligibilityTau > 1f) || !Finite(EligibilityTau))
            Fail("eligibility_tau", $"{{eligibility_tau}} must be 0 (off) or a time constant above 1 step, e.g. 5 = {{tau_membrane}} (got {EligibilityTau}).");
        ValidateLoss(Fail);
        Lif.Validate();
        Surrogate.Validate();
    }

    private void ValidateLoss(Action<string, string> fail)
    {
        if (Loss != LossKind.SpikeCount)
        {
            if (DesiredCount is not null) fail("desired_count", "{desired_count} applies to the spike-count loss; add {loss} count or drop it.");
            if (UndesiredCount != 0f) fail("undesired_count", "{undesired_count} applies to the spike-count loss; add {loss} count or drop it.");
            return;
        }
        if (StepsStart is { } first && DesiredCount is { } wanted && !(wanted <= first))
            fail("desired_count", $"{{desired_count}} {wanted} is more spikes than the first epoch's T = {first} ({{steps_start}}) allows; raise {{steps_start}} or lower {{desired_count}}.");
        if (DesiredCount is { } d && Steps is { } steps && !(d > 0f && d <= steps))
            fail("desired_count", $"{{desired_count}} must lie in (0, T = {steps}] spikes (got {d}); e.g. {{desired_count}} {SpikeCountLoss.DefaultDesiredCount(steps).ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
        if (!(UndesiredCount >= 0f) || (DesiredCount is { } desired && !(UndesiredCount < desired)))
            fail("undesired_count", $"{{undesired_count}} must be zero or more and below the desired count {DesiredCount} (got {UndesiredCount}).");
    }
}
