namespace Microcircuit.Cli;

/// <summary>
/// `microcircuit plot`: redraws learning curves from run folders or history CSV files: one run as train writes it
/// (loss and accuracy), several runs overlaid (test and train accuracy, one line each).
/// </summary>
public static class PlotCommand
{
    public static Command Create(TextWriter output)
    {
        var runs = new Argument<string[]>("RUN") { Description = "Run folders (written by 'train --out') or history CSV files", Arity = ArgumentArity.OneOrMore };
        var outFile = new Option<string?>("--out") { Description = "PNG to write (default: learning-curves.png in a single run's folder; required for several runs)" };
        var labels = new Option<string[]>("--label") { Description = "Legend entry for each RUN, in order (default: the folder or file name)", AllowMultipleArgumentsPerToken = true };
        var title = new Option<string?>("--title") { Description = "Figure title (default: the dataset, with its caveat, and network from the runs' metrics.json)" };
        var command = new Command("plot",
            "Draw learning curves from finished or running runs: one run as loss and accuracy, several side by side.\n\nExamples:\n  microcircuit plot runs/cifar\n  microcircuit plot runs/mc runs/fa --label microcircuit fa --out mc-vs-fa.png")
        {
            runs, outFile, labels, title,
        };
        command.SetAction(parse =>
        {
            string[] paths = parse.GetValue(runs)!;
            string[] names = parse.GetValue(labels) ?? [];
            if (names.Length > 0 && names.Length != paths.Length)
                throw new MicrocircuitException(ErrorKind.InvalidOption, $"{paths.Length} runs but {names.Length} --label values; give one label per run, in order.");
            var read = paths.Select(PlottedRun.Read).ToList();
            string? target = parse.GetValue(outFile);
            if (target is null && read.Count > 1)
                throw new MicrocircuitException(ErrorKind.InvalidOption, "several runs go into one figure: name it with --out FILE.png.");
            string png = UserPath.Full(target ?? Path.Combine(read[0].Folder, LearningCurves.FileName), "{out}");
            if (read.Count == 1)
            {
                var run = read[0];
                LearningCurves.Write(png, run.History, parse.GetValue(title) ?? SingleTitle(run), run.Loss == "spike-count" ? "spike-count loss" : "spike-train loss");
            }
            else
            {
                var curves = read.Select((r, i) => new RunCurve(names.Length > 0 ? names[i] : r.Name, r.History)).ToList();
                RunsFigure.Write(png, curves, parse.GetValue(title) ?? SharedTitle(read));
            }
            output.WriteLine($"wrote {png}");
            return 0;
        });
        return command;
    }

    private static string SingleTitle(PlottedRun run)
    {
        string description = string.Join(' ', new[] { run.FigureDataset, run.Network }.Where(s => s is not null));
        if (run.Rule is not null) description = description.Length == 0 ? run.Rule : $"{description}, {run.Rule}";
        if (run.Seed is not null) description += $", seed {run.Seed}";
        return description.Length == 0 ? run.Name : description;
    }

    /// <summary>What all the runs share (dataset with its caveat, network), so the title never claims what one run differs in.</summary>
    private static string SharedTitle(IReadOnlyList<PlottedRun> runs)
    {
        string? Shared(Func<PlottedRun, string?> part) =>
            runs.Select(part).Distinct().ToList() is [{ } only] ? only : null;
        string shared = string.Join(' ', new[] { Shared(r => r.FigureDataset), Shared(r => r.Network) }.Where(s => s is not null));
        return shared.Length == 0 ? $"{runs.Count} runs" : shared;
    }
}
