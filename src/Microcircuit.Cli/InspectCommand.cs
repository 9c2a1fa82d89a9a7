using Microcircuit.Analysis;

namespace Microcircuit.Cli;

/// <summary>`microcircuit inspect`: one test sample through a checkpoint's network, as pictures and numbers.</summary>
public static class InspectCommand
{
    public static Command Create(TextWriter output)
    {
        var source = new CheckpointExperiment();
        var sample = new Option<int>("--sample") { Description = "Index of the test sample to run forward", DefaultValueFactory = _ => 0 };
        var outDir = new Option<string?>("--out") { Description = "Folder for the pictures and inspect.json (default: DIR/inspect)" };
        var command = new Command("inspect",
            "Run one test sample forward with recording and write raster.png, traces.png, rates.png, confusion.png and inspect.json.\n\nExample:\n  microcircuit inspect --checkpoint runs/mnist --sample 4 --out runs/mnist/inspect");
        foreach (var option in source.All) command.Options.Add(option);
        command.Options.Add(sample);
        command.Options.Add(outDir);
        command.SetAction(parse =>
        {
            var (x, checkpoint, path) = source.Load(parse);
            string folder = UserPath.Full(parse.GetValue(outDir) ?? Path.Combine(Path.GetDirectoryName(path)!, "inspect"), "{out}");
            var inspection = SampleInspection.Run(x, parse.GetValue(sample));
            var survey = TestSetSurvey.Measure(x);
            string title = $"{x.Data.FigureName} {x.Network.Shape}, epoch {checkpoint.Epoch}";
            InspectionFigures.WriteRaster(Path.Combine(folder, "raster.png"), inspection, title);
            InspectionFigures.WriteTraces(Path.Combine(folder, "traces.png"), inspection, x.Options.Threshold);
            InspectionFigures.WriteRates(Path.Combine(folder, "rates.png"), survey);
            InspectionFigures.WriteConfusion(Path.Combine(folder, "confusion.png"), survey, x.Data.ClassNames);
            AtomicFile.WriteAllText(Path.Combine(folder, "inspect.json"), JsonFormat.Serialize(new InspectionReport(
                FormatVersion: 1, path, x.Options.Dataset, x.Network.Shape.ToString(), checkpoint.Epoch,
                survey.Samples, survey.Accuracy,
                Enumerable.Range(0, survey.Confusion.GetLength(0)).Select(t => Enumerable.Range(0, survey.Confusion.GetLength(1)).Select(p => survey.Confusion[t, p]).ToArray()).ToArray(),
                survey.CellRates,
                inspection)));
            output.WriteLine($"sample {inspection.Sample}: label {inspection.Label}, predicted {inspection.Predicted}, loss {inspection.Loss:F4}; test accuracy {survey.Accuracy:F4} on {survey.Samples} samples");
            if (inspection.ErrorCellRates is { } rates)
                output.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"spiking error cells on this sample, per layer: {string.Join("  ", rates.Select((r, l) => $"{r:F3} spikes/cell/step, {inspection.ErrorCellSaturation![l]:P1} at capacity, update {inspection.AngleToGraded![l]:F1}° from graded"))}"));
            output.WriteLine($"wrote {folder}/raster.png, traces.png, rates.png, confusion.png, inspect.json");
            return 0;
        });
        return command;
    }
}
