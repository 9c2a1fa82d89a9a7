using Microcircuit.Cli;
using Microcircuit.Optimizers;

namespace Microcircuit.Tests.Cli;

public sealed class OptionWordsTests
{
    [Fact]
    public void Every_optimiser_is_written_with_a_word_that_reads_back_as_itself()
    {
        foreach (var kind in Enum.GetValues<OptimizerKind>())
            Assert.Equal(kind, OptionWords.Optimizer(OptionWords.Word(kind)));
        Assert.Equal("batch-manhattan", OptionWords.Word(OptimizerKind.BatchManhattan));
    }
}
