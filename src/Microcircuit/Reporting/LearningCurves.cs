using Microcircuit.Training;
using ScottPlot;

namespace Microcircuit.Reporting;

/// <summary>learning-curves.png: loss (train and test) and accuracy (train and test) against epoch, side by side.</summary>
public static class LearningCurves
{
    public const string FileName = "learning-curves.png";

    public static void Write(string path, IReadOnlyList<EpochMetrics> history, string title, string lossName = "spike-train loss")
    {
        if (history.Count == 0) return;
        double[] epochs = history.Select(h => (double)h.Epoch).ToArray();
        var figure = Figures.Columns(2);

        var loss = figure.GetPlot(0);
        Line(loss, epochs, history.Select(h => h.TrainLoss), "train (running, during the epoch)", Colors.C0);
        Line(loss, epochs, history.Select(h => h.TestLoss), "test (after the epoch)", Colors.C1);
        Label(loss, $"Loss — {title}", "epoch", $"{lossName} per sample");
        loss.Legend.Alignment = Alignment.UpperRight;

        var accuracy = figure.GetPlot(1);
        Line(accuracy, epochs, history.Select(h => h.TrainAccuracy * 100), "train (running, during the epoch)", Colors.C0);
        Line(accuracy, epochs, history.Select(h => h.TestAccuracy * 100), "test (after the epoch)", Colors.C1);
        Label(accuracy, $"Accuracy — best test {history.Max(h => h.TestAccuracy) * 100:F2} %", "epoch", "accuracy (%)");
        accuracy.Legend.Alignment = Alignment.LowerRight;

        Figures.Save(figure, path, 1400, 550);
    }

    internal static void Line(Plot plot, double[] xs, IEnumerable<double> ys, string legend, Color color)
    {
        var line = plot.Add.Scatter(xs, ys.ToArray());
        line.LegendText = legend;
        line.Color = color;
        line.LineWidth = 2;
        line.MarkerSize = xs.Length > 40 ? 0 : 6;
    }

    internal static void Label(Plot plot, string title, string x, string y)
    {
        plot.Title(FigureTitle.Wrap(title));
        plot.XLabel(x);
        plot.YLabel(y);
        plot.ShowLegend();
    }
}
