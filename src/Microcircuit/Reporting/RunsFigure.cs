using ScottPlot;

namespace Microcircuit.Reporting;

/// <summary>
/// Several runs' learning curves in one figure: test accuracy after each epoch, and the running train accuracy during
/// it, one line per run, so runs that differ in rule, schedule or options read side by side.
/// </summary>
public static class RunsFigure
{
    public static void Write(string path, IReadOnlyList<RunCurve> runs, string title)
    {
        ArgumentOutOfRangeException.ThrowIfZero(runs.Count);
        var figure = Figures.Columns(2);
        var test = figure.GetPlot(0);
        var train = figure.GetPlot(1);
        var palette = new ScottPlot.Palettes.Category10();
        for (int i = 0; i < runs.Count; i++)
        {
            var run = runs[i];
            double[] epochs = run.History.Select(h => (double)h.Epoch).ToArray();
            var color = palette.GetColor(i);
            LearningCurves.Line(test, epochs, run.History.Select(h => h.TestAccuracy * 100), $"{run.Label} (best {run.History.Max(h => h.TestAccuracy) * 100:F2} %)", color);
            LearningCurves.Line(train, epochs, run.History.Select(h => h.TrainAccuracy * 100), run.Label, color);
        }
        LearningCurves.Label(test, $"Test accuracy — {title}", "epoch", "test accuracy (%, after the epoch)");
        LearningCurves.Label(train, "Train accuracy (running, during the epoch)", "epoch", "train accuracy (%)");
        test.Legend.Alignment = Alignment.LowerRight;
        train.Legend.Alignment = Alignment.LowerRight;
        Figures.Save(figure, path, 1400, 550);
    }
}
