using Microcircuit.Errors;
using Microcircuit.Reporting;
using Microcircuit.Training;

namespace Microcircuit.Tests.Reporting;

public sealed class HistoryCsvTests
{
    private static readonly EpochMetrics[] History =
    [
        new(1, 0.81234567890123, 0.25, 0.7712345, 0.3376, 120.5, 414.9, [0.21, 0.05]),
        new(2, 0.7, 0.375, 0.69, 0.4049, 118.25, 422.8, [0.2, 0.0625], [71.5, 80.25]),
    ];

    [Fact]
    public void What_format_writes_parse_reads_back()
    {
        var read = HistoryCsv.Parse(HistoryCsv.Format(History), "history.csv");
        Assert.Equal(2, read.Count);
        for (int i = 0; i < History.Length; i++)
        {
            var (a, b) = (History[i], read[i]);
            Assert.Equal((a.Epoch, a.TrainLoss, a.TrainAccuracy, a.TestLoss, a.TestAccuracy), (b.Epoch, b.TrainLoss, b.TrainAccuracy, b.TestLoss, b.TestAccuracy));
            Assert.Equal(a.TrainSeconds, b.TrainSeconds, 3);
            Assert.Equal(a.SamplesPerSecond, b.SamplesPerSecond, 1);
            Assert.Equal(a.TestFiringRates, b.TestFiringRates);
        }
        Assert.Null(read[0].AlignmentVersusBptt);              // written as empty cells
        Assert.Equal([71.5, 80.25], read[1].AlignmentVersusBptt!);
    }

    [Theory]
    [InlineData("", "it is empty")]
    [InlineData("epoch,loss\n1,2\n", "its header does not start with")]
    [InlineData("epoch,train_loss,train_accuracy,test_loss,test_accuracy,train_seconds,samples_per_second\n", "no epochs")]
    [InlineData("epoch,train_loss,train_accuracy,test_loss,test_accuracy,train_seconds,samples_per_second\n1,0.5,0.2,0.5\n", "line 2 has 4 fields")]
    [InlineData("epoch,train_loss,train_accuracy,test_loss,test_accuracy,train_seconds,samples_per_second\n1,0.5,x,0.5,0.3,1,2\n", "column train_accuracy: 'x' is not a number")]
    [InlineData("epoch,train_loss,train_accuracy,test_loss,test_accuracy,train_seconds,samples_per_second\n1.5,0.5,0.2,0.5,0.3,1,2\n", "epoch '1.5' is not a positive whole number")]
    public void A_file_that_is_not_a_history_is_a_one_line_io_error_naming_the_problem(string text, string problem)
    {
        var e = Assert.ThrowsAny<MicrocircuitException>(() => HistoryCsv.Parse(text, "runs/x/history.csv"));
        Assert.Equal(ErrorKind.Io, e.Kind);
        Assert.StartsWith("runs/x/history.csv is not a history.csv", e.Message);
        Assert.Contains(problem, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }
}
