using System.Globalization;
using System.Text.Json;
using Microcircuit.Tests.Data;
using Microcircuit.Tests.Reliability;

namespace Microcircuit.Tests.Cli;

/// <summary>What a run with spiking error cells reports of them: rate, saturation and angle to graded, per layer, in history.csv and inspect.</summary>
public sealed class SpikingErrorCellReportTests : IDisposable
{
    private readonly ScratchFolder _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void History_and_inspect_report_the_error_cells_rate_saturation_and_angle_to_graded()
    {
        string run = _scratch["run"];
        var trained = InProcess.Run(["train", "--error-cells", "spiking", "--alignment", "2", "--batch", "10", "--out", run, .. InProcess.Tiny]);   // six batches: the gain settles after the first
        Assert.True(trained.ExitCode == 0, trained.Error);

        var lines = File.ReadAllLines(Path.Combine(run, "history.csv"));
        var header = lines[0].Split(',');
        var row = lines[1].Split(',');
        double Column(string name) => double.Parse(row[Array.IndexOf(header, name)], CultureInfo.InvariantCulture);
        foreach (int l in new[] { 1, 2 })
        {
            Assert.InRange(Column($"error_rate_l{l}"), 1e-4, 1.0);
            Assert.InRange(Column($"error_saturation_l{l}"), 0.0, 1.0);
            Assert.InRange(Column($"align_graded_l{l}"), 0.0, 180.0);
        }

        var inspected = InProcess.Run("inspect", "--checkpoint", run, "--sample", "3", "--out", _scratch["inspect"]);
        Assert.True(inspected.ExitCode == 0, inspected.Error);
        Assert.Contains("spiking error cells on this sample", inspected.Output);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(_scratch["inspect"], "inspect.json")));
        var sample = report.RootElement.GetProperty("sample");
        Assert.Equal(2, sample.GetProperty("error_cell_rates").GetArrayLength());
        Assert.Equal(2, sample.GetProperty("angle_to_graded").GetArrayLength());
    }

    [Fact]
    public void Graded_error_cells_report_no_error_cell_columns()
    {
        string run = _scratch["graded"];
        Assert.Equal(0, InProcess.Run(["train", "--out", run, .. InProcess.Tiny]).ExitCode);
        Assert.DoesNotContain("error_rate_l", File.ReadAllLines(Path.Combine(run, "history.csv"))[0]);
    }
}
