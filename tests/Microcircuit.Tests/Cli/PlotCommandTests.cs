using Microcircuit.Cli;
using Microcircuit.Reporting;
using Microcircuit.Tests.Data;
using Microcircuit.Training;

namespace Microcircuit.Tests.Cli;

/// <summary>`microcircuit plot`: learning curves redrawn from run folders and history CSV files.</summary>
public sealed class PlotCommandTests
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G'];

    private static (int Exit, string Output, string Error) Run(params string[] arguments)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exit = CommandLine.Run(arguments, output, error);
        return (exit, output.ToString(), error.ToString().TrimEnd());
    }

    private static string Train(ScratchFolder folder, string name, string rule)
    {
        string run = folder[name];
        var r = Run("train", "--rule", rule, "--epochs", "2", "--hidden", "16", "--steps", "3", "--train-limit", "200", "--test-limit", "60", "--seed", "5", "--quiet", "--out", run);
        Assert.True(r.Exit == 0, r.Error);
        return run;
    }

    private static bool IsPng(string path) => File.ReadAllBytes(path).AsSpan(0, 4).SequenceEqual(PngSignature);

    [Fact]
    public void One_run_folder_is_redrawn_in_place_and_named_from_its_metrics()
    {
        using var folder = new ScratchFolder();
        string run = Train(folder, "mc", "microcircuit");
        string png = Path.Combine(run, LearningCurves.FileName);
        File.Delete(png);

        var r = Run("plot", run);

        Assert.Equal(0, r.Exit);
        Assert.Contains(png, r.Output);
        Assert.True(IsPng(png));
        var read = PlottedRun.Read(run);
        Assert.Equal(2, read.History.Count);
        Assert.Equal("digits", read.FigureDataset);
        Assert.Equal("microcircuit", read.Rule);
        Assert.Equal(5UL, read.Seed);
        Assert.Equal("spike-train", read.Loss);
    }

    [Fact]
    public void A_dataset_is_named_only_with_the_caveat_metrics_records_for_it()
    {
        using var folder = new ScratchFolder();
        string run = Train(folder, "mc", "microcircuit");
        string metrics = Path.Combine(run, "metrics.json");
        string text = File.ReadAllText(metrics);
        File.WriteAllText(metrics, text.Replace("\"data_label\": \"digits\"", "\"data_label\": \"cifar10 (JPEG-q75 reconstruction of CIFAR-10 — not the original pixels)\"", StringComparison.Ordinal));
        Assert.Equal("cifar10 (JPEG-q75 reconstruction of CIFAR-10 — not the original pixels)", PlottedRun.Read(run).FigureDataset);

        // A run still training has config.json and history.csv but no metrics.json: its data stays unnamed, never uncaveated.
        File.Delete(metrics);
        var running = PlottedRun.Read(run);
        Assert.Null(running.FigureDataset);
        Assert.Equal("microcircuit", running.Rule);
    }

    [Fact]
    public void Several_runs_and_history_files_share_one_figure_named_by_out()
    {
        using var folder = new ScratchFolder();
        string mc = Train(folder, "mc", "microcircuit"), fa = Train(folder, "fa", "fa");
        string copied = folder["fa-history.csv"];
        File.Copy(Path.Combine(fa, "history.csv"), copied);
        string png = folder["both.png"];

        var r = Run("plot", mc, copied, "--label", "microcircuit", "fa", "--out", png);

        Assert.True(r.Exit == 0, r.Error);
        Assert.True(IsPng(png));
        Assert.Equal("fa", PlottedRun.Read(copied).Name);   // a history file is named after itself, less "-history"
        Assert.Null(PlottedRun.Read(copied).Rule);          // beside no run folder of its own, nothing is assumed about it
    }

    [Theory]
    [InlineData("no out", 2, "--out FILE.png")]
    [InlineData("labels", 2, "2 runs but 1 --label values")]
    [InlineData("missing", 7, "does not exist")]
    [InlineData("empty folder", 7, "holds no history.csv")]
    [InlineData("not a history", 7, "is not a history.csv written by 'microcircuit train'")]
    public void Bad_input_is_one_line_with_its_exit_code(string problem, int exit, string mention)
    {
        using var folder = new ScratchFolder();
        string history = folder["a.csv"];
        File.WriteAllText(history, HistoryCsv.Format([new EpochMetrics(1, 0.5, 0.2, 0.5, 0.3, 1, 2, [0.1])]));
        File.WriteAllText(folder["b.csv"], "epoch;accuracy\n1;0.5\n");
        string[] arguments = problem switch
        {
            "no out" => ["plot", history, history],
            "labels" => ["plot", history, history, "--label", "one", "--out", folder["x.png"]],
            "missing" => ["plot", folder["nothing-here"]],
            "empty folder" => ["plot", folder.Folder("empty")],
            _ => ["plot", folder["b.csv"]],
        };

        var r = Run(arguments);

        Assert.Equal(exit, r.Exit);
        Assert.StartsWith("error: ", r.Error);
        Assert.DoesNotContain('\n', r.Error);
        Assert.Contains(mention, r.Error);
    }
}
