using Microcircuit.Cli;
using Microcircuit.Errors;
using Microcircuit.Tests.Cli;
using Microcircuit.Tests.Data;

namespace Microcircuit.Tests.Reliability;

/// <summary>
/// Every kind of bad input the issue lists, through the command line: each ends as one line on stderr that names the
/// file or option and the fix, with its kind's exit code, and never as an unhandled exception.
/// </summary>
public sealed class BadInputTests : IDisposable
{
    private readonly ScratchFolder _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Theory]
    [InlineData("truncated idx", ErrorKind.DatasetCorrupt)]
    [InlineData("wrong idx magic", ErrorKind.DatasetCorrupt)]
    [InlineData("idx count mismatch", ErrorKind.DatasetCorrupt)]
    [InlineData("idx label out of range", ErrorKind.DatasetCorrupt)]
    [InlineData("truncated cifar", ErrorKind.DatasetCorrupt)]
    [InlineData("cifar label out of range", ErrorKind.DatasetCorrupt)]
    [InlineData("sha256 mismatch", ErrorKind.DatasetCorrupt)]
    [InlineData("truncated checkpoint", ErrorKind.Checkpoint)]
    [InlineData("checkpoint version", ErrorKind.Checkpoint)]
    [InlineData("checkpoint shape", ErrorKind.Checkpoint)]
    [InlineData("config unknown key", ErrorKind.InvalidOption)]
    [InlineData("config negative T", ErrorKind.InvalidOption)]
    [InlineData("config zero batch", ErrorKind.InvalidOption)]
    [InlineData("config tau 1", ErrorKind.InvalidOption)]
    [InlineData("config huge hidden", ErrorKind.InvalidOption)]
    [InlineData("negative T", ErrorKind.InvalidOption)]
    [InlineData("zero batch", ErrorKind.InvalidOption)]
    [InlineData("huge batch", ErrorKind.InvalidOption)]
    [InlineData("tau-s 1", ErrorKind.InvalidOption)]
    [InlineData("malformed hidden", ErrorKind.InvalidOption)]
    [InlineData("empty out", ErrorKind.InvalidOption)]
    [InlineData("out in proc", ErrorKind.Io)]
    [InlineData("out under a file", ErrorKind.Io)]
    public void Bad_input_ends_as_one_line_naming_it_with_its_exit_code(string problem, ErrorKind kind)
    {
        var (arguments, mention) = Arrange(problem);
        using var output = new StringWriter();
        using var error = new StringWriter();

        int exit = CommandLine.Run(arguments, output, error);

        string message = error.ToString().TrimEnd('\n', '\r');
        TestContext.Current.TestOutputHelper?.WriteLine($"exit {exit}: {message}");
        Assert.True(exit == (int)kind, $"{problem}: exit {exit}, expected {(int)kind}; stderr: {message}");
        Assert.StartsWith("error: ", message);
        Assert.DoesNotContain('\n', message);
        Assert.Contains(mention, message);
    }

    [Fact]
    public void A_missing_dataset_is_exit_code_3_naming_the_folders_searched()
    {
        string empty = _scratch.Folder("empty");
        var run = ToolProcess.Run(["train", "--dataset", "mnist", "--data-dir", empty, "--epochs", "1"]);
        Assert.Equal((int)ErrorKind.DatasetMissing, run.ExitCode);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
        Assert.Contains(empty, run.Error);
    }

    /// <summary>The command line for one problem and the text its message must contain.</summary>
    private (string[] Arguments, string Mention) Arrange(string problem)
    {
        string[] tiny = ["--epochs", "1", "--hidden", "8", "--steps", "2", "--train-limit", "50", "--test-limit", "20", "--quiet"];
        switch (problem)
        {
            case "truncated idx": return Mnist(file => file.StartsWith("t10k-labels") ? b => b[..^3] : null, "t10k-labels-idx1-ubyte");
            case "wrong idx magic": return Mnist(file => file.StartsWith("train-images") ? b => { b[3] = 0x02; return b; } : null, "train-images-idx3-ubyte");
            case "idx count mismatch": return Mnist(file => file.StartsWith("train-labels") ? _ => SyntheticFiles.IdxLabels(new byte[11]) : null, "train-labels-idx1-ubyte");
            case "idx label out of range": return Mnist(file => file.StartsWith("t10k-labels") ? b => { b[9] = 10; return b; } : null, "t10k-labels-idx1-ubyte");
            case "truncated cifar":
            case "cifar label out of range":
                string cifar = _scratch.Folder("cifar-10-batches-bin");
                // Errors are reported in file order, so the damaged first batch is named even though the others are empty.
                foreach (string batch in new[] { "data_batch_1", "data_batch_2", "data_batch_3", "data_batch_4", "data_batch_5", "test_batch" })
                    File.WriteAllBytes(Path.Combine(cifar, batch + ".bin"), batch == "data_batch_1" ? Cifar(problem) : []);
                return (["train", "--dataset", "cifar10", "--data-dir", _scratch.Path, .. tiny], "data_batch_1.bin");
            case "sha256 mismatch":
                return (["train", "--dataset", "mnist", "--data-dir", Folder(f => SyntheticFiles.WriteIdxDataset(f, 12, 6, gzip: true)), .. tiny], "--no-verify");
            case "truncated checkpoint":
                string run = TrainedRun();
                string checkpoint = Path.Combine(run, "checkpoint.mcp");
                File.WriteAllBytes(checkpoint, File.ReadAllBytes(checkpoint)[..1000]);
                return (["eval", "--checkpoint", run], checkpoint);
            case "checkpoint version":
                string old = Path.Combine(TrainedRun(), "checkpoint.mcp");
                byte[] bytes = File.ReadAllBytes(old);
                bytes[8] = 9;   // a format version no build wrote
                File.WriteAllBytes(old, bytes);
                return (["train", "--resume", old], old);
            case "checkpoint shape":
                string other = TrainedRun();
                return (["train", "--resume", other, "--hidden", "9"], Path.Combine(other, "checkpoint.mcp"));
            case "config unknown key": return Config("""{"epochs": 1, "hiden": [8]}""", "hiden");
            case "config negative T": return Config("""{"steps": -5}""", "'steps'");
            case "config zero batch": return Config("""{"batch": 0}""", "'batch'");
            case "config tau 1": return Config("""{"tau_membrane": 1}""", "'tau_membrane'");
            case "config huge hidden": return Config("""{"hidden": [100000, 100000]}""", "--hidden");
            case "negative T": return (["train", "-T", "-3"], "--steps");
            case "zero batch": return (["train", "--batch", "0"], "--batch");
            case "huge batch": return (["train", "--batch", "2000000000"], "--batch");
            case "tau-s 1": return (["train", "--tau-s", "0.5"], "--tau-s");
            case "malformed hidden": return (["train", "--hidden", "200,x"], "--hidden");
            case "empty out": return (["train", "--out", "", .. tiny], "--out");
            case "out in proc": return (["train", "--out", "/proc/microcircuit-nope", .. tiny], "/proc/microcircuit-nope");
            case "out under a file":
                string file = _scratch["plain-file"];
                File.WriteAllText(file, "not a folder");
                return (["train", "--out", Path.Combine(file, "run"), .. tiny], file);
            default: throw new ArgumentOutOfRangeException(nameof(problem), problem, "no such case");
        }

        (string[], string) Mnist(Func<string, Func<byte[], byte[]>?> damage, string mention)
        {
            string folder = Folder(f => SyntheticFiles.WriteIdxDataset(f, 12, 6, gzip: false));
            foreach (string path in Directory.GetFiles(Path.Combine(folder, "mnist")))
                if (damage(Path.GetFileName(path)) is { } change) File.WriteAllBytes(path, change(File.ReadAllBytes(path)));
            return (["train", "--dataset", "mnist", "--data-dir", folder, "--no-verify", .. tiny], mention);
        }

        (string[], string) Config(string json, string mention)
        {
            string path = _scratch["config.json"];
            File.WriteAllText(path, json);
            return (["train", "--config", path], mention);
        }
    }

    private static byte[] Cifar(string problem) =>
        problem == "truncated cifar" ? SyntheticFiles.CifarBatch(3)[..5000] : SyntheticFiles.CifarBatch(10_000, i => i == 4321 ? (byte)12 : (byte)(i % 10));

    /// <summary>Fills scratch/mnist/ and returns the scratch folder, the --data-dir that holds it.</summary>
    private string Folder(Action<string> fill)
    {
        string folder = _scratch.Folder("mnist");
        fill(folder);
        return _scratch.Path;
    }

    /// <summary>A one-epoch run of a 64-8-10 network with its checkpoint.</summary>
    private string TrainedRun()
    {
        string run = _scratch["run"];
        int exit = CommandLine.Run(["train", "--epochs", "1", "--hidden", "8", "--steps", "2", "--train-limit", "50", "--test-limit", "20", "--quiet", "--out", run],
            TextWriter.Null, TextWriter.Null);
        Assert.Equal(0, exit);
        return run;
    }
}
