using Microcircuit.Learning.Alignment;
using ScottPlot;

namespace Microcircuit.Reporting;

/// <summary>alignment.png: per layer, the angle of the rule's update to the BPTT gradient and to time-local BP over training.</summary>
public static class AlignmentFigure
{
    public const string FileName = "alignment.png";

    public static void Write(string path, IReadOnlyList<AlignmentSample> samples, string title)
    {
        if (samples.Count == 0) return;
        var figure = Figures.Columns(2);
        double[] xs = samples.Select(s => (double)s.Batch).ToArray();
        int layers = samples[0].VersusBptt.Count;
        var palette = new ScottPlot.Palettes.Category10();
        foreach (var (plot, which, name) in new[] { (figure.GetPlot(0), 0, "BPTT gradient"), (figure.GetPlot(1), 1, "time-local BP update") })
        {
            for (int l = 0; l < layers; l++)
            {
                var ys = samples.Select(s => (which == 0 ? s.VersusBptt : s.VersusBp)[l]).ToArray();
                if (!ys.Any(double.IsFinite)) continue;
                var line = plot.Add.Scatter(xs, ys);
                line.LegendText = l == layers - 1 ? $"layer {l + 1} (output)" : $"layer {l + 1}";
                line.Color = palette.GetColor(l);
                line.LineWidth = 2;
                line.MarkerSize = samples.Count > 60 ? 0 : 5;
            }
            LearningCurves.Label(plot, $"Angle to the {name} — {title}", "training batch", "angle (degrees)");
            plot.Legend.Alignment = Alignment.UpperRight;
        }
        Figures.Save(figure, path, 1400, 520);
    }
}
