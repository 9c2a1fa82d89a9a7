using Microcircuit.Analysis;
using ScottPlot;

namespace Microcircuit.Reporting;

/// <summary>
/// The pictures of <c>inspect</c>: raster.png (input, pyramidal spikes and E⁺/E⁻ activity of one sample over time),
/// traces.png (membrane and apical potentials of a few cells), rates.png (firing-rate histograms on the test set) and
/// confusion.png (the test-set confusion matrix).
/// </summary>
public static class InspectionFigures
{
    /// <summary>Cells whose traces are drawn per layer.</summary>
    public const int TracedCells = 4;

    public static void WriteRaster(string path, SampleInspection s, string title)
    {
        int layers = s.Spikes.Count;
        bool errors = s.ErrorPositive is not null;
        int columns = errors ? 3 : 1;
        var figure = new Multiplot();
        figure.Layout = new ScottPlot.MultiplotLayouts.Grid(layers + 1, columns);
        figure.AddPlots((layers + 1) * columns);
        int steps = s.Input.Length;

        Heatmap(figure.GetPlot(0), s.Input, $"Input s₀[t], {title}", "input index", "encoded input", Colormap.Greys);
        if (errors)
        {
            var counts = figure.GetPlot(1);
            var bars = counts.Add.Bars(s.OutputSpikeCounts.Select(v => (double)v).ToArray());
            bars.Color = Colors.C0;
            counts.Title("Output spike counts over T");
            counts.XLabel("class");
            counts.YLabel("spikes");
            var image = figure.GetPlot(2);
            int h = s.Height, w = s.Width;
            var grid = new double[h, w];
            for (int r = 0; r < h; r++)
                for (int c = 0; c < w; c++) grid[r, c] = s.Pixels[r * w + c];
            var picture = image.Add.Heatmap(grid);
            picture.Colormap = new ScottPlot.Colormaps.Grayscale().Reversed();
            image.Add.ColorBar(picture).Label = "normalised pixel";
            image.Title($"Sample {s.Sample}: label {s.Label}, predicted {s.Predicted}, loss {s.Loss:F3}");
            image.XLabel("pixel column");
            image.YLabel("pixel row");
        }
        for (int l = 0; l < layers; l++)
        {
            string name = s.LayerTitle(l);
            Raster(figure.GetPlot((l + 1) * columns), s.Spikes[l], $"Pyramidal spikes, {name}");
            if (!errors) continue;
            Heatmap(figure.GetPlot((l + 1) * columns + 1), s.ErrorPositive![l], $"E⁺ error cells, {name}", "cell index", "E⁺ activity", Colormap.Reds);
            Heatmap(figure.GetPlot((l + 1) * columns + 2), s.ErrorNegative![l], $"E⁻ error cells, {name}", "cell index", "E⁻ activity", Colormap.Blues);
        }
        Figures.Save(figure, path, 600 * columns, 380 * (layers + 1));
    }

    /// <param name="threshold">The firing threshold of layers whose own threshold the inspection does not record.</param>
    public static void WriteTraces(string path, SampleInspection s, float threshold)
    {
        int layers = s.Membrane.Count;
        var figure = new Multiplot();
        figure.Layout = new ScottPlot.MultiplotLayouts.Grid(layers, s.Apical is null ? 1 : 2);
        int columns = s.Apical is null ? 1 : 2;
        figure.AddPlots(layers * columns);
        double[] time = Enumerable.Range(1, s.Membrane[0].Length).Select(t => (double)t).ToArray();
        for (int l = 0; l < layers; l++)
        {
            var cells = MostActive(s.Spikes[l], s.Membrane[l], TracedCells);
            var plot = figure.GetPlot(l * columns);
            for (int i = 0; i < cells.Length; i++)
            {
                var line = plot.Add.Scatter(time, time.Select((_, t) => (double)s.Membrane[l][t][cells[i]]).ToArray());
                line.LegendText = $"cell {cells[i]}";
                line.Color = Colors.Category10[i % 10];
                line.LineWidth = 2;
            }
            float layerThreshold = s.Thresholds is { } thresholds && l < thresholds.Count ? thresholds[l] : threshold;
            var th = plot.Add.HorizontalLine(layerThreshold);
            th.LinePattern = LinePattern.Dashed;
            th.Color = Colors.Black;
            th.LegendText = $"threshold {layerThreshold}";
            IntegerSteps(plot);
            LearningCurves.Label(plot, $"Somatic membrane potential u[t], {s.LayerTitle(l)}", "time step t", "membrane potential u (threshold units)");
            plot.Legend.Alignment = Alignment.UpperLeft;
            if (s.Apical is null) continue;
            var apical = figure.GetPlot(l * columns + 1);
            bool top = l == layers - 1;
            for (int i = 0; i < cells.Length; i++)
            {
                var values = top
                    ? time.Select((_, t) => (double)(s.ErrorPositive![l][t][cells[i]] - s.ErrorNegative![l][t][cells[i]])).ToArray()
                    : time.Select((_, t) => (double)s.Apical[l][t][cells[i]]).ToArray();
                var line = apical.Add.Scatter(time, values);
                line.LegendText = $"cell {cells[i]}";
                line.Color = Colors.Category10[i % 10];
                line.LineWidth = 2;
            }
            var zero = apical.Add.HorizontalLine(0);
            zero.Color = Colors.Gray;
            IntegerSteps(apical);
            if (top) LearningCurves.Label(apical, $"Output error E⁺ − E⁻ (teacher comparison), {s.LayerTitle(l)}", "time step t", "error-cell activity E⁺ − E⁻");
            else LearningCurves.Label(apical, $"Apical potential v = B(E⁺ − E⁻) from above, {s.LayerTitle(l)}", "time step t", "apical potential v");
            apical.Legend.Alignment = Alignment.UpperLeft;
        }
        Figures.Save(figure, path, 1400, 420 * layers);
    }

    public static void WriteRates(string path, TestSetSurvey survey)
    {
        int layers = survey.CellRates.Count;
        var figure = Figures.Columns(layers);
        for (int l = 0; l < layers; l++)
        {
            var rates = survey.CellRates[l];
            const int bins = 20;
            double max = Math.Max(rates.Max(), 1e-6);
            double width = max / bins;
            var counts = new double[bins];
            foreach (double r in rates) counts[Math.Min((int)(r / width), bins - 1)]++;
            var plot = figure.GetPlot(l);
            var bars = plot.Add.Bars(Enumerable.Range(0, bins).Select(b => (b + 0.5) * width).ToArray(), counts);
            foreach (var bar in bars.Bars) bar.Size = width * 0.9;
            plot.Title($"Layer {l + 1}: {rates.Length} cells, mean {rates.Average():F3}, silent {rates.Count(r => r == 0)}");
            plot.XLabel("test-set firing rate (spikes / cell / step)");
            plot.YLabel("cells");
            plot.Axes.Margins(bottom: 0);
        }
        Figures.Save(figure, path, 520 * layers, 450);
    }

    public static void WriteConfusion(string path, TestSetSurvey survey, IReadOnlyList<string> classNames)
    {
        int classes = survey.Confusion.GetLength(0);
        var plot = new Plot();
        var data = new double[classes, classes];
        for (int t = 0; t < classes; t++)
            for (int p = 0; p < classes; p++)
                data[t, p] = survey.Confusion[t, p];   // row 0 of a heatmap is drawn at the top, where the ticks put class 0
        var map = plot.Add.Heatmap(data);
        map.Colormap = new ScottPlot.Colormaps.Viridis();
        map.Rectangle = new CoordinateRect(-0.5, classes - 0.5, -0.5, classes - 0.5);
        double max = Math.Max(1, data.Cast<double>().Max());
        for (int t = 0; t < classes; t++)
            for (int p = 0; p < classes; p++)
            {
                var text = plot.Add.Text(survey.Confusion[t, p].ToString(System.Globalization.CultureInfo.InvariantCulture), p, classes - 1 - t);
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontColor = survey.Confusion[t, p] > max / 2 ? Colors.Black : Colors.White;
                text.LabelFontSize = 12;
            }
        plot.Add.ColorBar(map).Label = "test samples";
        var ticks = Enumerable.Range(0, classes).Select(i => (double)i).ToArray();
        string[] names = Enumerable.Range(0, classes).Select(i => i < classNames.Count ? classNames[i] : i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        plot.Axes.Bottom.SetTicks(ticks, names);
        plot.Axes.Left.SetTicks(ticks.Select(v => classes - 1 - v).ToArray(), names);
        plot.Title($"Confusion matrix on {survey.Samples} test samples — accuracy {survey.Accuracy * 100:F2} %");
        plot.XLabel("predicted class");
        plot.YLabel("true class");
        Figures.Save(plot, path, 900, 800);
    }

    /// <summary>The cells that spiked most (ties: highest peak membrane), so the traces show something happening.</summary>
    private static int[] MostActive(float[][] spikes, float[][] membrane, int count) =>
        Enumerable.Range(0, spikes[0].Length)
            .OrderByDescending(c => spikes.Sum(s => s[c]))
            .ThenByDescending(c => membrane.Max(m => m[c]))
            .Take(count).ToArray();

    private static void Raster(Plot plot, float[][] spikes, string title)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        for (int t = 0; t < spikes.Length; t++)
            for (int c = 0; c < spikes[t].Length; c++)
                if (spikes[t][c] > 0f) { xs.Add(t + 1); ys.Add(c); }
        var markers = plot.Add.Markers(xs.ToArray(), ys.ToArray());
        markers.MarkerShape = MarkerShape.VerticalBar;
        markers.MarkerSize = 8;
        markers.Color = Colors.Black;
        plot.Axes.SetLimits(0.5, spikes.Length + 0.5, -0.5, spikes[0].Length - 0.5);
        IntegerSteps(plot);
        plot.Title(FigureTitle.Wrap($"{title} ({xs.Count} spikes)"));
        plot.XLabel("time step t");
        plot.YLabel("neuron index");
    }

    private static void IntegerSteps(Plot plot) =>
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(1);

    private enum Colormap { Greys, Reds, Blues }

    private static void Heatmap(Plot plot, float[][] values, string title, string cells, string label, Colormap colormap)
    {
        int steps = values.Length, n = values[0].Length;
        var data = new double[n, steps];
        for (int t = 0; t < steps; t++)
            for (int c = 0; c < n; c++)
                data[n - 1 - c, t] = values[t][c];   // row 0 is drawn at the top: put cell 0 at the bottom
        var map = plot.Add.Heatmap(data);
        map.Colormap = colormap switch
        {
            Colormap.Reds => new ScottPlot.Colormaps.Amp(),
            Colormap.Blues => new ScottPlot.Colormaps.Blues().Reversed(),
            _ => new ScottPlot.Colormaps.Grayscale().Reversed(),
        };
        map.Rectangle = new CoordinateRect(0.5, steps + 0.5, -0.5, n - 0.5);
        double max = values.Max(v => v.Length == 0 ? 0 : v.Max()), min = values.Min(v => v.Length == 0 ? 0 : v.Min());
        if (colormap != Colormap.Greys) map.ManualRange = new ScottPlot.Range(0, Math.Max(max, 1e-6));
        plot.Add.ColorBar(map).Label = label;
        plot.Axes.SetLimits(0.5, steps + 0.5, -0.5, n - 0.5);
        IntegerSteps(plot);
        plot.Title(FigureTitle.Wrap(max == 0 && min == 0 ? $"{title} (silent: no error)" : title));
        plot.XLabel("time step t");
        plot.YLabel(cells);
    }
}
