using System.Globalization;
using CsCheck;
using Microcircuit.Tests.Data;

namespace Microcircuit.Tests.Reliability;

/// <summary>
/// A property-based fuzzer (CsCheck) over command lines and config documents. Each case starts from a small valid
/// run with a few valid options drawn at random, then — in most cases — takes exactly one change that makes it
/// invalid: a number written with a comma, as NaN, infinity or beyond its type, out of its range, a choice written as
/// a number or a non-word, a value of the wrong JSON type, a repeated or unknown key, hidden beside net, a document
/// cut short or not an object. The property: an invalid input ends with one "error: " line and an exit code of 2–7,
/// a valid one trains and exits 0, and nothing ever ends as an internal error (exit 1). On failure CsCheck prints the
/// seed that replays the case (and its shrunk form).
/// </summary>
public sealed class OptionFuzzTests : IDisposable
{
    private readonly ScratchFolder _scratch = new();
    private int _case;

    public void Dispose() => _scratch.Dispose();

    /// <summary>One generated input: a command line (its config document written to a file first, where there is one) and whether it is valid.</summary>
    public sealed record Case(string[] Arguments, string? Config, bool Valid, string Change)
    {
        public override string ToString() => $"{Change}: microcircuit {string.Join(' ', Arguments.Select(a => a.Contains(' ') || a.Length == 0 ? $"'{a}'" : a))}{(Config is null ? "" : $" with config {Config}")}";
    }

    private static readonly string[] Baseline = ["--epochs", "1", "--hidden", "4", "--steps", "1", "--train-limit", "20", "--test-limit", "10", "--quiet"];

    /// <summary>Options that can be set to a valid value without making the tiny run slow, with a value for any random draw.</summary>
    private static readonly (string Flag, string Key, Func<ulong, string> Value)[] ValidSettings =
    [
        ("--lr", "learning_rate", r => Real(Between(r, 1e-4, 0.1))),
        ("--tau-m", "tau_membrane", r => Real(Between(r, 1.5, 20))),
        ("--tau-s", "tau_synapse", r => Real(Between(r, 1.5, 20))),
        ("--threshold", "threshold", r => Real(Between(r, 0.2, 3))),
        ("--gate-width", "gate_width", r => Real(Between(r, 0.05, 2))),
        ("--batch", "batch", r => Whole(1 + (int)(r % 40))),
        ("--seed", "seed", r => r.ToString(CultureInfo.InvariantCulture)),
        ("--clip", "clip_norm", r => Real(Between(r, 0, 5))),
        ("--clamp", "weight_clamp", r => Real(Between(r, 0, 5))),
        ("--weight-decay", "weight_decay", r => Real(Between(r, 0, 0.1))),
        ("--event-density", "event_density", r => Real(Between(r, 0, 1))),
        ("--eligibility-tau", "eligibility_tau", r => Pick(r, "0", "2", "5.5")),
        ("--gate", "gate", r => Pick(r, "logistic", "boxcar", "none", "Logistic")),
        ("--encoder", "encoder", r => Pick(r, "direct", "rate", "latency")),
        ("--error-cells", "error_cells", r => Pick(r, "graded", "spiking")),
        ("--rule", "rule", r => Pick(r, "microcircuit", "fa", "frsf", "bp", "dfa")),
        ("--optimizer", "optimizer", r => Pick(r, "adam", "sgd")),
    ];

    private static double Between(ulong r, double low, double high) => low + (high - low) * (r >> 11) / (double)(1UL << 53);
    private static string Pick(ulong r, params string[] words) => words[(int)(r % (ulong)words.Length)];

    /// <summary>Numeric options with values outside their range (still well-formed numbers).</summary>
    private static readonly (string Flag, string Key, string[] Values)[] OutOfRange =
    [
        ("--epochs", "epochs", ["0", "-3"]), ("--batch", "batch", ["0", "-1", "65537", "2000000000"]), ("--steps", "steps", ["0", "-5", "10001"]),
        ("--lr", "learning_rate", ["0", "-0.1"]), ("--tau-m", "tau_membrane", ["1", "0.5", "-2"]), ("--tau-s", "tau_synapse", ["1", "0"]),
        ("--threshold", "threshold", ["0", "-1"]), ("--gate-width", "gate_width", ["0", "-0.2"]), ("--clip", "clip_norm", ["-1"]),
        ("--clamp", "weight_clamp", ["-0.5"]), ("--weight-decay", "weight_decay", ["-0.01"]), ("--event-density", "event_density", ["1.5", "-0.1"]),
        ("--threads", "threads", ["0", "257"]), ("--train-limit", "train_limit", ["0", "-10"]), ("--test-limit", "test_limit", ["0"]),
        ("--init-rate", "init_rate", ["0", "1", "1.5"]), ("--init-gain", "init_gain", ["0", "101", "-1"]), ("--pool-threshold", "pool_threshold", ["0", "-1"]),
        ("--eligibility-tau", "eligibility_tau", ["1", "0.5", "-3"]), ("--momentum", "momentum", ["0.5"]), ("--augment-shift", "augment_shift", ["-1", "65"]),
        ("--alignment", "alignment_every", ["-1"]), ("--error-spike", "error_spike_value", ["0", "-1"]), ("--desired-count", "desired_count", ["2"]),
    ];

    /// <summary>Tokens that are not plainly a finite number in invariant notation.</summary>
    private static readonly string[] NotNumbers =
        ["0,5", "1,000", "0,001", "nan", "NaN", "-nan", "inf", "-inf", "Infinity", "-Infinity", "∞", "1e999", "-1e999", "1e39", "0x10", "1_000", "", " ",
         "1.2.3", "1e", "e5", "١", "½", "+-1", "0.5.", "1 000", "--", "1e-99999x", "3.4e38x", "NaN0"];

    private static readonly string[] NumericFlags =
        ["--lr", "--tau-m", "--tau-s", "--threshold", "--gate-width", "--batch", "--steps", "--epochs", "--clip", "--clamp", "--weight-decay",
         "--event-density", "--init-rate", "--init-gain", "--pool-threshold", "--eligibility-tau", "--threads", "--train-limit", "--seed", "--alignment", "--error-spike"];

    private static readonly (string Flag, string Key)[] Choices =
        [("--optimizer", "optimizer"), ("--encoder", "encoder"), ("--gate", "gate"), ("--error-cells", "error_cells"), ("--loss", "loss"), ("--schedule", "schedule"), ("--rule", "rule"), ("--dataset", "dataset")];

    private static readonly string[] NotWords = ["7", "99", "-1", "", "adamx", "rate,direct", "none!", "0", "1.5", "graded spiking"];

    private static string Real(double v) => v.ToString("R", CultureInfo.InvariantCulture);
    private static string Whole(int v) => v.ToString(CultureInfo.InvariantCulture);

    /// <summary>The valid part every case starts from: 0–3 distinct settings.</summary>
    private static readonly Gen<(string Flag, string Key, string Value)[]> Settings =
        Gen.Select(Gen.Int[0, ValidSettings.Length - 1].ArrayUnique[0, 3], Gen.ULong.Array[3],
            (indices, draws) => indices.Select((i, j) => (ValidSettings[i].Flag, ValidSettings[i].Key, ValidSettings[i].Value(draws[j]))).ToArray());

    private static readonly Gen<Case> CommandLines = Settings.SelectMany(settings =>
    {
        string[] valid = [.. settings.SelectMany(s => new[] { s.Flag, s.Value })];
        var invalidNumber = Gen.Select(Gen.OneOf(NumericFlags), Gen.OneOf(NotNumbers),
            (flag, token) => new Case(["train", .. Without(valid, flag), .. Without(Baseline, flag), flag, token], null, false, $"{flag} not a number"));
        var outOfRange = Gen.Int[0, OutOfRange.Length - 1].SelectMany(i => Gen.OneOf(OutOfRange[i].Values).Select(v =>
            new Case(["train", .. Without(valid, OutOfRange[i].Flag), .. Without(Baseline, OutOfRange[i].Flag), OutOfRange[i].Flag, v], null, false, $"{OutOfRange[i].Flag} out of range")));
        var badWord = Gen.Select(Gen.Int[0, Choices.Length - 1], Gen.OneOf(NotWords), (i, word) =>
            new Case(["train", .. Without(valid, Choices[i].Flag), .. Baseline, Choices[i].Flag, word], null, false, $"{Choices[i].Flag} not a word"));
        var validCase = Gen.Const(new Case(["train", .. valid, .. Baseline], null, true, "valid"));
        return Gen.Frequency((4, (IGen<Case>)invalidNumber), (3, outOfRange), (2, badWord), (1, validCase));
    });

    private static readonly Gen<Case> ConfigDocuments = Settings.SelectMany(settings =>
    {
        var pairs = new List<(string Key, string Json)>
        {
            ("epochs", "1"), ("hidden", "[4]"), ("steps", "1"), ("train_limit", "20"), ("test_limit", "10"),
        };
        foreach (var (flag, key, value) in settings)
            if (pairs.All(p => p.Key != key)) pairs.Add((key, ValidSettings.First(s => s.Key == key).Flag is "--gate" or "--encoder" or "--error-cells" or "--rule" or "--optimizer" ? $"\"{ConfigWord(value)}\"" : value));
        string Document(IEnumerable<(string Key, string Json)> p) => "{" + string.Join(", ", p.Select(x => $"\"{x.Key}\": {x.Json}")) + "}";
        Case Config(IEnumerable<(string Key, string Json)> p, bool valid, string change) => new(["train", "--quiet"], Document(p), valid, change);

        var keys = pairs.Select(p => p.Key).ToArray();
        var wrongType = Gen.Select(Gen.Int[0, pairs.Count - 1], Gen.OneOf("\"1\"", "true", "null", "[1]", "{}", "\"x\"", "1.5", "-1", "1e999", "\"NaN\"", "\"Infinity\""),
            (i, json) => Config(pairs.Select((p, j) => j == i ? (p.Key, json) : p), ValidForKey(pairs[i].Key, json), $"'{pairs[i].Key}' = {json}"));
        var numberForChoice = Gen.Select(Gen.Int[0, Choices.Length - 1], Gen.OneOf("0", "1", "7", "99", "-1", "\"7\"", "\"\"", "\"nope\""),
            (i, json) => Config([.. pairs.Where(p => p.Key != Choices[i].Key), (Choices[i].Key, json)], false, $"'{Choices[i].Key}' = {json}"));
        var outOfRange = Gen.Int[0, OutOfRange.Length - 1].SelectMany(i => Gen.OneOf(OutOfRange[i].Values).Select(v =>
            Config([.. pairs.Where(p => p.Key != OutOfRange[i].Key), (OutOfRange[i].Key, v)], false, $"'{OutOfRange[i].Key}' = {v}")));
        var duplicate = Gen.OneOf(keys).Select(k => Config([.. pairs, pairs.First(p => p.Key == k)], false, $"'{k}' twice"));
        var unknown = Gen.OneOf("bogus", "learning-rate", "Epochs", "lr", "tau_m", "hidden_layers", "").Select(k => Config([.. pairs, (k, "1")], false, $"unknown '{k}'"));
        var both = Gen.Const(Config([.. pairs, ("net", "\"4-10\"")], false, "hidden and net"));
        var cut = Gen.Int[1, 200].Select(n =>
        {
            string whole = Document(pairs);
            return new Case(["train", "--quiet"], whole[..(n % (whole.Length - 1))], false, "cut short");
        });
        var notObject = Gen.OneOf("[]", "1", "\"epochs\"", "null", "true", "[{\"epochs\": 1}]").Select(doc => new Case(["train", "--quiet"], doc, false, "not an object"));
        var valid = Gen.Const(Config(pairs, true, "valid"));
        return Gen.Frequency((4, (IGen<Case>)wrongType), (2, numberForChoice), (3, outOfRange), (1, duplicate), (1, unknown), (1, both), (2, cut), (1, notObject), (1, valid));
    });

    /// <summary>The config spelling of a command-line choice word.</summary>
    private static string ConfigWord(string word) => word.ToLowerInvariant();

    /// <summary>Whether a wrong-type replacement happens to be valid for its key (e.g. 1.5 for a threshold).</summary>
    private static bool ValidForKey(string key, string json) => (key, json) switch
    {
        ("learning_rate" or "tau_membrane" or "tau_synapse" or "threshold" or "gate_width" or "weight_decay" or "clip_norm" or "weight_clamp", "1.5") => true,
        ("eligibility_tau", "1.5") => true,
        ("epochs" or "steps" or "steps_start" or "hidden" or "net" or "init_rate" or "learning_rate" or "schedule" or "train_limit" or "test_limit"
            or "encoder" or "desired_count" or "augment_shift" or "threads" or "data_dir", "null") => true,
        ("hidden", "[1]") => true,
        _ => false,
    };

    private static string[] Without(string[] arguments, string flag)
    {
        var kept = new List<string>();
        for (int i = 0; i < arguments.Length; i++)
        {
            if (arguments[i] == flag && i + 1 < arguments.Length && !arguments[i + 1].StartsWith("--", StringComparison.Ordinal)) { i++; continue; }
            if (arguments[i] == flag) continue;
            kept.Add(arguments[i]);
        }
        return [.. kept];
    }

    private void Check(Case c)
    {
        string run = _scratch[$"run-{Interlocked.Increment(ref _case)}"];
        string[] arguments = c.Arguments;
        if (c.Config is { } doc)
        {
            string file = run + ".json";
            File.WriteAllText(file, doc);
            arguments = [.. arguments, "--config", file];
        }
        var r = InProcess.Run([.. arguments, "--out", run]);
        string message = r.Error.TrimEnd('\n', '\r');
        if (r.ExitCode == 1 || message.Contains("internal error", StringComparison.Ordinal))
            throw new Exception($"internal error for {c}: {message}");
        if (c.Valid && r.ExitCode != 0) throw new Exception($"a valid case was refused ({c}): exit {r.ExitCode}: {message}");
        if (!c.Valid && r.ExitCode == 0) throw new Exception($"an invalid case ran and exited 0 ({c})");
        if (!c.Valid && (r.ExitCode is < 2 or > 7 || !message.StartsWith("error: ", StringComparison.Ordinal) || message.Contains('\n')))
            throw new Exception($"an invalid case did not end as one error line with exit 2–7 ({c}): exit {r.ExitCode}: {r.Error}");
    }

    [Fact]
    public void Command_lines_valid_or_not_never_end_as_an_internal_error_and_invalid_ones_never_exit_0() =>
        CommandLines.Sample(Check, iter: 1200, threads: 1, print: c => c.ToString(), writeLine: line => TestContext.Current.TestOutputHelper?.WriteLine(line));

    [Fact]
    public void Config_documents_valid_or_not_never_end_as_an_internal_error_and_invalid_ones_never_exit_0() =>
        ConfigDocuments.Sample(Check, iter: 1000, threads: 1, print: c => c.ToString(), writeLine: line => TestContext.Current.TestOutputHelper?.WriteLine(line));
}
