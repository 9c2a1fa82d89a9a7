using Microcircuit.Optimizers;

namespace Microcircuit.Tests.Optimizers;

public sealed class LearningRateScheduleTests
{
    [Fact]
    public void Cosine_goes_from_the_initial_rate_through_half_to_zero_and_constant_stays()
    {
        Assert.Equal(0.1f, LearningRateSchedules.At(LearningRateSchedule.Cosine, 0.1f, 0), 6);
        Assert.Equal(0.05f, LearningRateSchedules.At(LearningRateSchedule.Cosine, 0.1f, 0.5), 6);
        Assert.Equal(0f, LearningRateSchedules.At(LearningRateSchedule.Cosine, 0.1f, 1), 6);
        Assert.True(LearningRateSchedules.At(LearningRateSchedule.Cosine, 0.1f, 0.25) > LearningRateSchedules.At(LearningRateSchedule.Cosine, 0.1f, 0.75));
        Assert.Equal(0.1f, LearningRateSchedules.At(LearningRateSchedule.Constant, 0.1f, 0.7));
    }
}
