using Microcircuit.Losses;
using Microcircuit.Neurons;

namespace Microcircuit.Tests.Losses;

public sealed class SpikeTrainLossTests
{
    [Fact]
    public void Desired_trains_follow_the_paper()
    {
        Assert.Equal([0f, 1f, 1f, 1f, 1f], DesiredSpikeTrain.ForLabel(5));
        Assert.Equal([0f, 1f, 0f, 1f, 0f, 1f, 0f, 1f, 0f, 1f], DesiredSpikeTrain.ForLabel(10));
    }

    [Fact]
    public void Error_is_trace_minus_filtered_desired_train_and_loss_is_half_its_square()
    {
        var loss = new SpikeTrainLoss(LifParameters.Default, 5, 3);
        Assert.Equal(0f, loss.LabelTarget[0]);
        Assert.Equal(1f / 3f, loss.LabelTarget[1], 6);
        Assert.Equal(5f / 9f, loss.LabelTarget[2], 6);

        float[] trace = [0.5f, 0.2f, 0f, 0f, 0f, 0.9f];
        byte[] labels = [1, 2];
        var error = new float[6];
        double e = loss.Step(2, trace, new float[6], labels, error);
        Assert.Equal([0.5f, 0.2f - 1f / 3f, 0f, 0f, 0f, 0.9f - 1f / 3f], error);
        Assert.Equal(0.5 * error.Sum(x => (double)x * x), e, 6);
    }
}
