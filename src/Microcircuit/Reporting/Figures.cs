using Microcircuit.Errors;
using Microcircuit.Storage;
using ScottPlot;

namespace Microcircuit.Reporting;

/// <summary>
/// Lays out ScottPlot figures and saves them as PNG through a temporary file and a rename; failures are one-line Io
/// errors.
/// </summary>
internal static class Figures
{
    /// <summary>A figure of <paramref name="plots"/> plots side by side, in one row.</summary>
    public static Multiplot Columns(int plots)
    {
        var figure = new Multiplot();
        figure.Layout = new ScottPlot.MultiplotLayouts.Columns();
        figure.AddPlots(plots);
        return figure;
    }

    public static void Save(Plot plot, string path, int width, int height) =>
        AtomicFile.WriteAllBytes(path, [], Png(() => plot.GetImageBytes(width, height, ImageFormat.Png), path));

    public static void Save(Multiplot figure, string path, int width, int height) =>
        AtomicFile.WriteAllBytes(path, [], Png(() =>
        {
            using var image = figure.Render(width, height);
            return image.GetImageBytes(ImageFormat.Png);
        }, path));

    private static byte[] Png(Func<byte[]> render, string path)
    {
        try
        {
            return render();
        }
        catch (Exception e) when (e is TypeInitializationException or DllNotFoundException)
        {
            throw new MicrocircuitException(ErrorKind.Io, $"cannot draw {path}: the SkiaSharp native library did not load ({e.GetBaseException().Message.TrimEnd('.')}); reinstall the tool.", e);
        }
    }
}
