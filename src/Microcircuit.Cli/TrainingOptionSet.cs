using Microcircuit.Layers;

namespace Microcircuit.Cli;

/// <summary>
/// The options that say what to train and how — dataset, network, cell model, error cells, optimiser, budget, data —
/// shared by <c>train</c> and <c>compare</c>, so both accept the same settings with the same defaults.
/// </summary>
public sealed class TrainingOptionSet
{
    public Option<string> Dataset { get; } = new Option<string>("--dataset") { Description = "digits (embedded, default) | mnist | fashion-mnist | cifar10 | nmnist | shd | dvs-gesture | a file: PATH.npz (x_train, y_train, x_test, y_test) or PATH_train.csv (label, values per row; PATH_test.csv beside it)", DefaultValueFactory = _ => "digits" };
    public Option<int?> Epochs { get; } = new Option<int?>("--epochs") { Description = "Training epochs (default: digits 60, mnist/fashion-mnist 20, cifar10 5)" };
    public Option<int> Batch { get; } = new Option<int>("--batch") { Description = "Mini-batch size", DefaultValueFactory = _ => 100 };
    public Option<int?> Steps { get; } = new Option<int?>("--steps", "-T") { Description = "Time steps per sample T (default 5)" };
    public Option<int?> StepsStart { get; } = new Option<int?>("--steps-start") { Description = "Progressive simulation length: T of the first epoch, from which T moves linearly, epoch by epoch, to --steps in the last (default: --steps throughout)" };
    public Option<string?> Hidden { get; } = new Option<string?>("--hidden") { Description = "Hidden layer sizes, e.g. 800 or 400,400 (default: digits 200, mnist 800, fashion-mnist 400,400)" };
    public Option<string?> Net { get; } = new Option<string?>("--net") { Description = "Network in the lab's notation, layers above the input: e.g. 15C5-P2-40C5-P2-300-10 (C = conv k×k, suffix p = padding, s = stride; P = spiking average pool; number = dense). Replaces --hidden" };
    public Option<float?> PoolThreshold { get; } = new Option<float?>("--pool-threshold") { Description = "Threshold of spiking average-pooling cells (theta_pool; default 1/k² for a k×k pool, e.g. 0.25 for P2)" };
    public Option<float> InitGain { get; } = new Option<float>("--init-gain") { Description = "Multiply the Kaiming std of every layer above the first (deep networks keep their activity)", DefaultValueFactory = _ => 1f };
    public Option<float?> InitRate { get; } = new Option<float?>("--init-rate") { Description = "Scale each layer's initial weights so it fires at this mean rate on the first training samples (e.g. 0.15; deep networks)" };
    public Option<float?> Lr { get; } = new Option<float?>("--lr") { Description = "Learning rate (default 5e-4; digits 2e-3)" };
    public Option<string> Optimizer { get; } = new Option<string>("--optimizer") { Description = "adam | sgd | manhattan", DefaultValueFactory = _ => "adam" };
    public Option<string?> Schedule { get; } = new Option<string?>("--schedule") { Description = "Learning-rate schedule: constant | cosine (default constant)" };
    public Option<bool> RelativeStep { get; } = new Option<bool>("--relative-step") { Description = "Batch Manhattan: each layer steps by lr times the RMS of its weights (lr becomes a fraction of the layer's weight scale)" };
    public Option<float> Momentum { get; } = new Option<float>("--momentum") { Description = "Batch Manhattan momentum beta: step along the sign of m = beta*m + G (0 = plain sign of the batch's update)", DefaultValueFactory = _ => 0f };
    public Option<float> WeightDecay { get; } = new Option<float>("--weight-decay") { Description = "Decoupled weight decay (AdamW)", DefaultValueFactory = _ => 0f };
    public Option<float> Clip { get; } = new Option<float>("--clip") { Description = "Clip the update's global norm to this value (0 = off)", DefaultValueFactory = _ => 0f };
    public Option<float> Clamp { get; } = new Option<float>("--clamp") { Description = "Clamp weights to [-c, c] after each step (0 = off)", DefaultValueFactory = _ => 4f };
    public Option<int?> TrainLimit { get; } = new Option<int?>("--train-limit") { Description = "Use only the first N training samples" };
    public Option<int?> TestLimit { get; } = new Option<int?>("--test-limit") { Description = "Use only the first N test samples" };
    public Option<string?> DataDir { get; } = new Option<string?>("--data-dir") { Description = "Folder holding the dataset (also searched: $MICROCIRCUIT_DATA, /usr/share/datasets)" };
    public Option<bool> NoVerify { get; } = new Option<bool>("--no-verify") { Description = "Accept dataset files whose checksum is unknown" };
    public Option<string?> Encoder { get; } = new Option<string?>("--encoder") { Description = "direct | rate | latency (images; default direct) | events (event streams binned into T frames; default for nmnist, shd, dvs-gesture)" };
    public Option<string> ErrorCells { get; } = new Option<string>("--error-cells") { Description = "graded (exact) | spiking (E+/E- cells that fire spikes; how: --error-coding, --error-gain)", DefaultValueFactory = _ => "graded" };
    public Option<string> ErrorCoding { get; } = new Option<string>("--error-coding") { Description = "Spiking error cells: sigma-delta (an integrate-and-fire pair with a dithered start: unbiased, low variance) | bernoulli (docs/paper.md §3: a coin per cell and step)", DefaultValueFactory = _ => "sigma-delta" };
    public Option<string> ErrorGain { get; } = new Option<string>("--error-gain") { Description = "Spiking error cells: adaptive (a homeostatic δ_max per layer holding the cells at --error-rate) | fixed (δ_max = --error-spike)", DefaultValueFactory = _ => "adaptive" };
    public Option<float> ErrorRate { get; } = new Option<float>("--error-rate") { Description = "Adaptive gain: the firing rate it holds the error cells at, in spikes per error cell per time step", DefaultValueFactory = _ => 0.1f };
    public Option<int> ErrorBurst { get; } = new Option<int>("--error-burst") { Description = "The most spikes an error cell fires in one time step (a burst)", DefaultValueFactory = _ => 16 };
    public Option<string> Hebbian { get; } = new Option<string>("--hebbian") { Description = "The microcircuit's Hebbian product: trace (error activity × presynaptic trace, docs/paper.md §5) | stdp (its spike-timing sampling form: presynaptic events drawn from the trace, paired with the error cells' activity)", DefaultValueFactory = _ => "trace" };
    public Option<int> ErrorPairs { get; } = new Option<int>("--error-pairs") { Description = "E+/E- pairs per pyramidal cell, each coding the error on its own", DefaultValueFactory = _ => 1 };
    public Option<float> ErrorSpike { get; } = new Option<float>("--error-spike") { Description = "delta_max: the error one E+/E- spike carries (with --error-gain adaptive, its value in the first batch)", DefaultValueFactory = _ => 1f };
    public Option<string> Loss { get; } = new Option<string>("--loss") { Description = "Error function: spike-train (the desired spike trains, default) | count (one-sided spike counts: the label neuron fires at least --desired-count spikes, the others at most --undesired-count)", DefaultValueFactory = _ => "spike-train" };
    public Option<float?> DesiredCount { get; } = new Option<float?>("--desired-count") { Description = "Spike-count loss: spikes the label neuron should fire in T steps (default: the desired train's, 4 for T = 5)" };
    public Option<float> UndesiredCount { get; } = new Option<float>("--undesired-count") { Description = "Spike-count loss: spikes every other output neuron may fire in T steps without penalty", DefaultValueFactory = _ => 0f };
    public Option<int?> AugmentShift { get; } = new Option<int?>("--augment-shift") { Description = "Shift training images randomly by up to N pixels (default 0)" };
    public Option<bool> AugmentFlip { get; } = new Option<bool>("--augment-flip") { Description = "Flip training images horizontally at random" };
    public Option<bool> Dale { get; } = new Option<bool>("--dale") { Description = "Fix every synapse's sign at initialisation (Dale's principle)" };
    public Option<bool> Bias { get; } = new Option<bool>("--bias") { Description = "Give every cell a plastic bias current" };
    public Option<float> TauM { get; } = new Option<float>("--tau-m") { Description = "Membrane time constant τm, in time steps (the membrane keeps 1 − 1/τm of itself each step)", DefaultValueFactory = _ => 5f };
    public Option<float> TauS { get; } = new Option<float>("--tau-s") { Description = "Synaptic trace time constant τs, in time steps", DefaultValueFactory = _ => 3f };
    public Option<float> Threshold { get; } = new Option<float>("--threshold") { Description = "Firing threshold", DefaultValueFactory = _ => 1f };
    public Option<string> Gate { get; } = new Option<string>("--gate") { Description = "Excitability gate: logistic | boxcar | none", DefaultValueFactory = _ => "logistic" };
    public Option<float> GateWidth { get; } = new Option<float>("--gate-width") { Description = "Gate width alpha (logistic) or w (boxcar)", DefaultValueFactory = _ => 0.2f };
    public Option<float> EligibilityTau { get; } = new Option<float>("--eligibility-tau") { Description = "Hebbian product reads the presynaptic trace filtered again with this time constant (synaptic eligibility; 5 = tau-m, e-prop-like); 0 = off, the paper's rule", DefaultValueFactory = _ => 0f };
    public Option<float> EventDensity { get; } = new Option<float>("--event-density") { Description = "Take a layer's current event-driven in steps where at most this fraction of its spiking inputs fired (0 = never)", DefaultValueFactory = _ => 0.2f };
    public Option<int?> Threads { get; } = new Option<int?>("--threads") { Description = "Threads for the matrix and convolution kernels and the per-cell passes (results are the same bits for any count; default: every processor for a convolutional network, 1 for a dense one)" };

    public Option<string> Device { get; } = new Option<string>("--device") { Description = "Compute back end: cpu (this library's kernels) | cuda (the first NVIDIA GPU, through ILGPU; not in the native executable)", DefaultValueFactory = _ => "cpu" };
    public IReadOnlyList<Option> All => [Dataset, Epochs, Batch, Steps, StepsStart, Hidden, Net, PoolThreshold, InitGain, InitRate, Lr, Optimizer, Momentum, RelativeStep, Schedule, WeightDecay, Clip, Clamp, TrainLimit, TestLimit, DataDir, NoVerify, Encoder, ErrorCells, ErrorSpike, ErrorCoding, ErrorGain, ErrorRate, ErrorBurst, ErrorPairs, Hebbian, Loss, DesiredCount, UndesiredCount, AugmentShift, AugmentFlip, Dale, Bias, TauM, TauS, Threshold, Gate, GateWidth, EligibilityTau, EventDensity, Threads, Device];

    /// <summary>
    /// Options merged over a preset, config or checkpoint where the command line named the network one way: a given
    /// --hidden drops the file's --net and a given --net drops its --hidden.
    /// </summary>
    public static TrainingOptions OneArchitecture(TrainingOptions merged, IEnumerable<string> givenKeys)
    {
        var keys = givenKeys.ToHashSet();
        if (keys.Contains("net") && keys.Contains("hidden"))
            throw new Errors.MicrocircuitException(Errors.ErrorKind.InvalidOption, "--net and --hidden both describe the network; give only one of them.");
        if (keys.Contains("net") && !keys.Contains("hidden")) return merged with { Hidden = null };
        if (keys.Contains("hidden") && !keys.Contains("net")) return merged with { Net = null };
        return merged;
    }

    /// <summary>A catalogue name in lower case, or a dataset file's full path (kept as written, so a run resumes from any folder).</summary>
    private static string DatasetWord(string value) =>
        Data.DatasetFiles.IsFile(value) ? Errors.UserPath.Full(value, "{dataset}") : value.ToLowerInvariant();

    /// <summary>The options as given (rule, seed and alignment are the command's own).</summary>
    public TrainingOptions Read(ParseResult parse) => new()
    {
        Dataset = DatasetWord(parse.GetValue(Dataset)!),
        Epochs = parse.GetValue(Epochs),
        Batch = parse.GetValue(Batch),
        Steps = parse.GetValue(Steps),
        StepsStart = parse.GetValue(StepsStart),
        Hidden = parse.GetValue(Hidden) is { } h ? NetworkShape.ParseHidden(h) : null,
        Net = parse.GetValue(Net) is { } net && !string.IsNullOrWhiteSpace(net) ? net.Trim() : null,
        PoolThreshold = parse.GetValue(PoolThreshold),
        InitGain = parse.GetValue(InitGain),
        InitRate = parse.GetValue(InitRate),
        LearningRate = parse.GetValue(Lr),
        Optimizer = OptionWords.Optimizer(parse.GetValue(Optimizer)!),
        Schedule = parse.GetValue(Schedule) is { } sc ? OptionWords.Schedule(sc) : null,
        WeightDecay = parse.GetValue(WeightDecay),
        Momentum = parse.GetValue(Momentum),
        RelativeStep = parse.GetValue(RelativeStep),
        ClipNorm = parse.GetValue(Clip),
        WeightClamp = parse.GetValue(Clamp),
        TrainLimit = parse.GetValue(TrainLimit),
        TestLimit = parse.GetValue(TestLimit),
        DataDir = parse.GetValue(DataDir),
        VerifyData = !parse.GetValue(NoVerify),
        Encoder = parse.GetValue(Encoder) is { } enc ? OptionWords.Encoder(enc) : null,
        ErrorCells = OptionWords.ErrorCells(parse.GetValue(ErrorCells)!),
        ErrorSpikeValue = parse.GetValue(ErrorSpike),
        ErrorCoding = OptionWords.ErrorCoding(parse.GetValue(ErrorCoding)!),
        ErrorGain = OptionWords.ErrorGain(parse.GetValue(ErrorGain)!),
        ErrorRate = parse.GetValue(ErrorRate),
        ErrorBurst = parse.GetValue(ErrorBurst),
        ErrorPairs = parse.GetValue(ErrorPairs),
        Hebbian = OptionWords.Hebbian(parse.GetValue(Hebbian)!),
        Loss = OptionWords.Loss(parse.GetValue(Loss)!),
        DesiredCount = parse.GetValue(DesiredCount),
        UndesiredCount = parse.GetValue(UndesiredCount),
        AugmentShift = parse.GetValue(AugmentShift),
        AugmentFlip = parse.GetValue(AugmentFlip),
        Dale = parse.GetValue(Dale),
        Bias = parse.GetValue(Bias),
        TauMembrane = parse.GetValue(TauM),
        TauSynapse = parse.GetValue(TauS),
        Threshold = parse.GetValue(Threshold),
        Gate = OptionWords.Gate(parse.GetValue(Gate)!),
        GateWidth = parse.GetValue(GateWidth),
        EligibilityTau = parse.GetValue(EligibilityTau),
        EventDensity = parse.GetValue(EventDensity),
        Threads = parse.GetValue(Threads),
        Device = parse.GetValue(Device)!,
    };
}
