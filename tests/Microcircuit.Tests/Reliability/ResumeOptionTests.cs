using Microcircuit.Checkpoints;
using Microcircuit.Cli;
using Microcircuit.Configuration;
using Microcircuit.Tests.Data;

namespace Microcircuit.Tests.Reliability;

/// <summary>
/// Every option given with --resume is either honoured by the continued run or refused (exit 2 or 5) naming it —
/// never written into config.json and then unused. Each config key is tried with a value other than the checkpoint's;
/// "honoured" means the continued run's weights or figures differ from a plain continuation.
/// </summary>
public sealed class ResumeOptionTests : IDisposable
{
    private readonly ScratchFolder _scratch = new();
    private static readonly string[] Base = ["--hidden", "8", "--steps", "2", "--train-limit", "60", "--test-limit", "20", "--quiet"];

    public void Dispose() => _scratch.Dispose();

    // Both continuations run two more epochs (to epoch 3), so a ramp of T (steps_start) has an epoch below T to show.

    /// <summary>An alternative value per key (flag arguments), and what must happen: honoured, or refused with an exit code.</summary>
    public static TheoryData<string, string[], int> Cases()
    {
        const int Honoured = 0;
        var cases = new TheoryData<string, string[], int>
        {
            { "dataset", ["mnist", "--no-verify"], 5 },   // another input size: the checkpoint's network does not fit
            { "rule", ["fa"], Honoured },
            { "hidden", ["16"], 5 },
            { "net", ["4C3-10"], 5 },
            { "init_gain", ["2"], 5 },
            { "init_rate", ["0.2"], 5 },
            { "epochs", ["4"], Honoured },
            { "batch", ["30"], Honoured },
            { "steps", ["3"], Honoured },
            { "steps_start", ["1"], Honoured },
            { "learning_rate", ["0.01"], Honoured },
            { "optimizer", ["sgd"], 5 },
            { "schedule", ["cosine"], Honoured },
            { "weight_decay", ["0.5"], Honoured },
            { "momentum", ["0.5"], 2 },          // applies to Batch Manhattan only, and the checkpoint is Adam's
            { "relative_step", [], 2 },
            { "clip_norm", ["0.001"], Honoured },
            { "weight_clamp", ["0.01"], Honoured },
            { "seed", ["7"], 5 },
            { "train_limit", ["30"], Honoured },
            { "test_limit", ["10"], Honoured },
            { "encoder", ["rate"], Honoured },
            { "tau_membrane", ["3"], Honoured },
            { "tau_synapse", ["2"], Honoured },
            { "threshold", ["0.5"], Honoured },
            { "eligibility_tau", ["5"], Honoured },
            { "gate", ["boxcar"], Honoured },
            { "gate_width", ["0.5"], Honoured },
            { "error_cells", ["spiking"], Honoured },
            { "loss", ["count"], Honoured },
            { "desired_count", ["1"], 2 },       // the spike-count loss's option, and the checkpoint uses the spike-train loss
            { "undesired_count", ["1"], 2 },
            { "augment_shift", ["2"], Honoured },
            { "augment_flip", [], Honoured },
            { "dale", [], 5 },
            { "bias", [], 5 },
            { "alignment_every", ["1"], Honoured },
            { "hebbian", ["stdp"], Honoured },
            { "device", ["tpu"], 2 },            // no such back end; another one (cuda) needs a GPU, and agrees with cpu to rounding only
        };
        return cases;
    }

    /// <summary>Keys whose every value gives the same bits by design, resumed or not, and why.</summary>
    public static readonly IReadOnlyDictionary<string, string> SameBitsByDesign = new Dictionary<string, string>
    {
        ["threads"] = "the kernels give the same bits for any thread count (DeterminismTests)",
        ["event_density"] = "event-driven and dense currents are the same sums (SpikingLayerTests)",
        ["data_dir"] = "only where dataset files are looked for; the digits are embedded",
        ["verify_data"] = "only whether checksums are compared",
        ["pool_threshold"] = "a dense network has no pools",
        ["error_spike_value"] = "the value a spike of a spiking error cell carries; graded error cells have none",
        ["error_coding"] = "how spiking error cells code δ; graded error cells send δ itself",
        ["error_gain"] = "how spiking error cells set δ_max; graded error cells have none",
        ["error_rate"] = "the firing rate an adaptive gain holds spiking error cells at; graded error cells do not fire",
        ["error_burst"] = "the most spikes a spiking error cell fires in a step; graded error cells do not fire",
        ["error_pairs"] = "spiking error-cell pairs per cell; graded cells send δ itself",
    };

    [Fact]
    public void Every_config_key_is_covered_once()
    {
        var covered = Cases().Select(c => (string)c.Data.Item1).Concat(SameBitsByDesign.Keys).ToList();
        Assert.Equal(ConfigFile.Keys.Order(), covered.Order());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void An_option_given_with_resume_is_honoured_or_refused_naming_it(string key, string[] value, int refusal)
    {
        string flag = OptionKeys.FlagOf(key);
        string original = _scratch["original"];
        Assert.Equal(0, InProcess.Run(["train", "--out", original, "--epochs", "1", .. Base]).ExitCode);
        string plain = Copy(original, "plain"), changed = Copy(original, "changed");
        string mnist = _scratch.Folder("mnist");
        SyntheticFiles.WriteIdxDataset(mnist, train: 40, test: 20, gzip: false);

        string to = key == "steps_start" ? "5" : "3";   // a ramp's second epoch is below T only when it has a few epochs to climb
        var reference = InProcess.Run(["train", "--resume", plain, "--epochs", to, "--quiet"]);
        Assert.True(reference.ExitCode == 0, reference.Error);
        string[] extra = key == "dataset" ? ["--data-dir", mnist] : [];
        string[] epochs = key == "epochs" ? [] : ["--epochs", to];
        var r = InProcess.Run(["train", "--resume", changed, .. epochs, flag, .. value, .. extra, "--quiet"]);

        if (refusal != 0)
        {
            InProcess.AssertRefused(r, refusal, flag);
            return;
        }
        Assert.True(r.ExitCode == 0, $"{flag}: {r.Error}");
        bool sameWeights = RunFiles.WeightBytes(CheckpointFile.Read(plain)).SequenceEqual(RunFiles.WeightBytes(CheckpointFile.Read(changed)));
        bool sameFigures = Figures(plain).SequenceEqual(Figures(changed));
        bool sameFiles = File.Exists(Path.Combine(plain, "alignment.csv")) == File.Exists(Path.Combine(changed, "alignment.csv"));
        Assert.False(sameWeights && sameFigures && sameFiles, $"{flag} {string.Join(' ', value)} was accepted with --resume but changed nothing");
    }

    private string Copy(string from, string name)
    {
        string to = _scratch.Folder(name);
        foreach (string file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        return to;
    }

    private static IEnumerable<string> Figures(string run) => CheckpointFile.Read(run).History.Select(RunFiles.Figures);
}
