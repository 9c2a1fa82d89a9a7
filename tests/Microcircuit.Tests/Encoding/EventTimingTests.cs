using Microcircuit.Data;
using Microcircuit.Data.Events;
using Microcircuit.Encoding;
using Microcircuit.Randomness;
using Microcircuit.Training;

namespace Microcircuit.Tests.Encoding;

/// <summary>
/// Event streams reach the network as spikes, one binned frame per step, and the network uses their timing: two classes
/// whose samples hold the same events per channel and differ only in when they come (which group of channels fires
/// together) are told apart, and the same task with every event's time drawn at random is not.
/// </summary>
public sealed class EventTimingTests
{
    private const int Channels = 16, Steps = 20, Window = 2_000;

    /// <summary>
    /// Every channel fires exactly once. Class 0: channels 0–7 fire in one common bin, channels 8–15 each at its own random
    /// time; class 1: the other way round. With <paramref name="shuffled"/> every event's time is drawn at random instead.
    /// </summary>
    private static DatasetSplit Coincidences(int count, ulong seed, bool shuffled)
    {
        var random = SeededRandom.Derive(seed, 0);
        var start = new long[count + 1];
        var time = new long[count * Channels];
        var channel = new int[count * Channels];
        var labels = new byte[count];
        for (int n = 0; n < count; n++)
        {
            int label = random.NextInt(2);
            labels[n] = (byte)label;
            long together = random.NextInt(Steps) * (Window / Steps) + Window / Steps / 2;
            for (int c = 0; c < Channels; c++)
            {
                int e = n * Channels + c;
                bool inGroup = (c < Channels / 2) == (label == 0);
                time[e] = shuffled || !inGroup ? random.NextInt(Window) : together;
                channel[e] = c;
            }
            start[n + 1] = (n + 1) * Channels;
        }
        return DatasetSplit.FromEvents(new EventStreams(start, time, channel, Channels, Window), labels);
    }

    private static double Accuracy(bool shuffled)
    {
        var data = LabelledDataset.Create("coincidence", 1, 1, Channels, ["group A together", "group B together"],
            Coincidences(1000, 1, shuffled), Coincidences(400, 2, shuffled));
        var options = new TrainingOptions { Encoder = EncoderKind.Events, Hidden = [64], Steps = Steps, Epochs = 15, LearningRate = 3e-3f, Batch = 20, Seed = 1 };
        return new Trainer(new Experiment(options, data)).Run(TestContext.Current.CancellationToken).Final.TestAccuracy;
    }

    [Fact]
    public void The_network_tells_classes_apart_by_spike_timing_alone()
    {
        double timed = Accuracy(shuffled: false), shuffled = Accuracy(shuffled: true);
        TestContext.Current.TestOutputHelper?.WriteLine($"coincidence task, 15 epochs: timed {timed:F4}, time shuffled {shuffled:F4}");
        Assert.True(timed >= 0.9, $"with timing: {timed}");
        Assert.InRange(shuffled, 0.35, 0.65);
    }

    [Fact]
    public void Frames_hold_each_event_in_its_time_bin()
    {
        var events = new EventStreams([0, 3, 4], [0, 999, 1000, 5000], [2, 0, 1, 3], channels: 4, window: 1000).InFrames(4);
        var frames = new float[16];
        events.CopyFrames(0, frames);
        Assert.Equal([0, 0, 1, 0, /* t 250–499 */ 0, 0, 0, 0, 0, 0, 0, 0, /* 750–999 and later */ 1, 1, 0, 0], frames);
        events.CopyFrames(1, frames);
        Assert.Equal(1f, frames[3 * 4 + 3]);   // beyond the window: the last frame
        Assert.Equal(1f, frames.Sum());
    }

    [Fact]
    public void The_events_encoder_gives_step_t_frame_t_of_every_sample()
    {
        var encoder = new EventFrameEncoder(steps: 3);
        // Two samples of 2 inputs × 3 frames: value = 10·sample + 2·frame + input.
        float[] samples = [0, 1, 2, 3, 4, 5, 10, 11, 12, 13, 14, 15];
        var activity = new float[4];
        encoder.Encode(2, samples, activity, batch: 2, SeededRandom.Derive(1, 1));
        Assert.Equal([2f, 3f, 12f, 13f], activity);
    }

    [Fact]
    public void Event_data_asks_for_the_events_encoder_and_images_refuse_it()
    {
        var events = Coincidences(10, 3, false);
        var data = LabelledDataset.Create("e", 1, 1, Channels, ["a", "b"], events, events);
        var e = Assert.Throws<Errors.OptionException>(() => new Experiment(new TrainingOptions { Encoder = EncoderKind.Direct, Hidden = [4] }, data));
        Assert.Contains("encoder events", e.Message);
        var images = LabelledDataset.Create("i", 1, 1, 4, ["a", "b"], DatasetSplit.FromBytes(new byte[8], new byte[] { 0, 1 }, 4), DatasetSplit.FromBytes(new byte[8], new byte[] { 0, 1 }, 4));
        Assert.Throws<Errors.OptionException>(() => new Experiment(new TrainingOptions { Encoder = EncoderKind.Events, Hidden = [4] }, images));
        Assert.Throws<Errors.OptionException>(() => new Experiment(new TrainingOptions { Encoder = EncoderKind.Events, Hidden = [4], StepsStart = 2 }, data));
    }
}
