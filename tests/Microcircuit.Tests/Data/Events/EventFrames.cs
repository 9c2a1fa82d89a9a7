using Microcircuit.Data;
using Xunit;

namespace Microcircuit.Tests.Data.Events;

/// <summary>What a network sees of an event sample: the (frame, channel) pairs that are 1 when it is cut into T frames.</summary>
internal static class EventFrames
{
    /// <summary>The lit (frame, channel) pairs of sample <paramref name="index"/> in <paramref name="frames"/> frames, frame by frame; every other value must be 0.</summary>
    public static List<(int Frame, int Channel)> Lit(LabelledDataset data, DatasetSplit split, int index, int frames)
    {
        DatasetSplit framed = split.InFrames(frames);
        var values = new float[framed.SampleLength];
        framed.CopyNormalised(index, values, data.Normalisation);
        var lit = new List<(int, int)>();
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i] == 1f) lit.Add((i / framed.Dimension, i % framed.Dimension));
            else Assert.Equal(0f, values[i]);
        }

        return lit;
    }
}
