using Microcircuit.Data;
using Microcircuit.Training;

namespace Microcircuit.Tests.Training;

public sealed class KernelThreadsTests
{
    private static readonly LabelledDataset Digits = DatasetCatalogue.Load("digits");

    [Fact]
    public void Unset_threads_give_a_convolutional_network_every_processor_and_a_dense_one_a_single_thread()
    {
        var conv = new Experiment(new TrainingOptions { Epochs = 1, Net = "4C3p1-P2-10" }, Digits);
        var dense = new Experiment(new TrainingOptions { Epochs = 1 }, Digits);
        Assert.Equal(Environment.ProcessorCount, conv.Network.Threads);
        Assert.Equal(1, dense.Network.Threads);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(16)]
    public void The_default_follows_the_processor_count_for_convolutions_only(int processors)
    {
        Assert.Equal(processors, KernelThreads.Default(isConvolutional: true, processors));
        Assert.Equal(1, KernelThreads.Default(isConvolutional: false, processors));
    }

    [Fact]
    public void A_processor_count_below_one_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => KernelThreads.Default(isConvolutional: true, 0));
    }

    [Fact]
    public void Given_threads_are_kept_for_either_kind_of_network()
    {
        Assert.Equal(3, new Experiment(new TrainingOptions { Epochs = 1, Net = "4C3p1-P2-10", Threads = 3 }, Digits).Network.Threads);
        Assert.Equal(2, new Experiment(new TrainingOptions { Epochs = 1, Threads = 2 }, Digits).Network.Threads);
        Assert.Equal(1, new Experiment(new TrainingOptions { Epochs = 1, Net = "4C3p1-P2-10", Threads = 1 }, Digits).Network.Threads);
    }
}
