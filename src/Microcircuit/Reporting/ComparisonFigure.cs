using Microcircuit.Analysis;
using ScottPlot;

namespace Microcircuit.Reporting;

/// <summary>
/// comparison.png: test accuracy per epoch (mean over seeds) of every compared rule, and the angle of each rule's
/// update to the BPTT gradient in the first hidden layer (epoch means over measured batches and seeds).
/// </summary>
public static class ComparisonFigure
{
    public const string FileName = "comparison.png";

    public static void Write(string path, ComparisonResult result, string title)
    {
        var figure = Figures.Columns(2);
        var accuracy = figure.GetPlot(0);
        var angle = figure.GetPlot(1);
        var palette = new ScottPlot.Palettes.Category10();
        int colour = 0;
        foreach (var rule in result.Rules)
        {
            var runs = result.Runs.Where(r => r.Rule == rule).ToList();
            int epochs = runs.Min(r => r.History.Count);
            double[] xs = Enumerable.Range(1, epochs).Select(e => (double)e).ToArray();
            var color = palette.GetColor(colour++);
            // The paper's rule is drawn wide, so rules that coincide with it (frSF, with graded cells) stay visible.
            float width = rule == "microcircuit" ? 6 : 2;
            Line(accuracy, xs, xs.Select(e => runs.Average(r => r.History[(int)e - 1].TestAccuracy) * 100).ToArray(), rule, color, width);
            var angles = xs.Select(e => runs.Select(r => r.History[(int)e - 1].AlignmentVersusBptt?[0] ?? double.NaN)
                .Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average()).ToArray();
            if (angles.Any(double.IsFinite)) Line(angle, xs, angles, rule, color, width);
        }
        LearningCurves.Label(accuracy, $"Test accuracy — {title}", "epoch", "test accuracy (%, mean over seeds)");
        LearningCurves.Label(angle, "Update angle to the BPTT gradient, first hidden layer", "epoch", "angle (degrees, mean over seeds)");
        foreach (var plot in new[] { accuracy, angle })
        {
            plot.ShowLegend(Edge.Right);   // beside the plot: with eight rules no corner is free
            if (result.Runs.Max(r => r.History.Count) <= 20)
                plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(1);
        }
        Figures.Save(figure, path, 1600, 560);
    }

    private static void Line(Plot plot, double[] xs, double[] ys, string legend, Color color, float width)
    {
        var line = plot.Add.Scatter(xs, ys);
        line.LegendText = legend;
        line.Color = color;
        line.LineWidth = width;
        line.MarkerSize = width + 4;
    }
}
