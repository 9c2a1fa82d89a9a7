namespace Microcircuit.Cli;

/// <summary>
/// Which <c>train</c> option sets which config-file key, so options given on the command line can override a preset,
/// a config file or a checkpoint's options key by key.
/// </summary>
public static class OptionKeys
{
    public static IReadOnlyDictionary<string, string> ByOption { get; } = new Dictionary<string, string>
    {
        ["--dataset"] = "dataset", ["--rule"] = "rule", ["--epochs"] = "epochs", ["--batch"] = "batch", ["--steps"] = "steps", ["--steps-start"] = "steps_start",
        ["--hidden"] = "hidden", ["--net"] = "net", ["--pool-threshold"] = "pool_threshold", ["--init-gain"] = "init_gain", ["--init-rate"] = "init_rate", ["--lr"] = "learning_rate", ["--optimizer"] = "optimizer", ["--schedule"] = "schedule",
        ["--weight-decay"] = "weight_decay", ["--momentum"] = "momentum", ["--relative-step"] = "relative_step", ["--clip"] = "clip_norm", ["--clamp"] = "weight_clamp", ["--seed"] = "seed",
        ["--train-limit"] = "train_limit", ["--test-limit"] = "test_limit", ["--data-dir"] = "data_dir", ["--no-verify"] = "verify_data",
        ["--encoder"] = "encoder", ["--error-cells"] = "error_cells", ["--error-spike"] = "error_spike_value", ["--error-coding"] = "error_coding", ["--error-gain"] = "error_gain", ["--error-rate"] = "error_rate", ["--error-burst"] = "error_burst", ["--error-pairs"] = "error_pairs", ["--hebbian"] = "hebbian", ["--loss"] = "loss", ["--desired-count"] = "desired_count", ["--undesired-count"] = "undesired_count",
        ["--augment-shift"] = "augment_shift", ["--augment-flip"] = "augment_flip", ["--dale"] = "dale", ["--bias"] = "bias",
        ["--tau-m"] = "tau_membrane", ["--tau-s"] = "tau_synapse", ["--threshold"] = "threshold", ["--gate"] = "gate",
        ["--gate-width"] = "gate_width", ["--eligibility-tau"] = "eligibility_tau", ["--threads"] = "threads", ["--device"] = "device", ["--alignment"] = "alignment_every", ["--event-density"] = "event_density",
    };

    /// <summary>The flag that sets a config key (the key itself where no flag does).</summary>
    public static string FlagOf(string key) => _byKey.TryGetValue(key, out var flag) ? flag : "--" + key.Replace('_', '-');

    private static readonly Dictionary<string, string> _byKey = ByOption.ToDictionary(p => p.Value, p => p.Key);

    /// <summary>Options of <c>train</c> that say how to run rather than what to train.</summary>
    public static IReadOnlySet<string> RunOnly { get; } = new HashSet<string>
    {
        "--preset", "--config", "--resume", "--from-model", "--checkpoint-every", "--out", "--overwrite", "--quiet", "--json", "--help", "-h", "-?",
    };
}
