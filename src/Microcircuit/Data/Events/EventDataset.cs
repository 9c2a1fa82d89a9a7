using Microcircuit.Errors;

namespace Microcircuit.Data.Events;

/// <summary>
/// Makes a labelled dataset of the two splits an event reader gathered. Both splits share one window, the latest event
/// time of the training split plus one tick, so a frame spans the same time in training and testing; test events past it
/// fall in the last frame. Event inputs are binary, so the normalisation is the identity.
/// </summary>
internal static class EventDataset
{
    /// <param name="channels">Channels of the sensor (polarities of a camera, 1 for a cochlea); a frame holds channels × height × width inputs.</param>
    /// <param name="ticks">What a tick is, for the description (e.g. "µs").</param>
    public static LabelledDataset Create(
        DatasetLookup lookup, int channels, int height, int width, IReadOnlyList<string> classNames,
        EventBuffer train, EventBuffer test, string ticks)
    {
        DatasetDefinition dataset = lookup.Definition;
        string folder = lookup.Locations.DataDir ?? "";
        RequireSamples(train, dataset, folder, "training");
        RequireSamples(test, dataset, folder, "test");
        int inputs = channels * height * width;
        long window = train.MaxTime + 1;
        if (window <= 0) window = 1;
        var identity = new Normalisation(1f, new float[channels], Enumerable.Repeat(1f, channels).ToArray());
        string source =
            $"{folder}: {train.Count} training and {test.Count} test samples, {train.EventCount + test.EventCount} events in all, " +
            $"window {window} {ticks} (no published checksums; the files were checked as they were read)";
        return new LabelledDataset(
            dataset.Name, channels, height, width, classNames, identity,
            DatasetSplit.FromEvents(train.ToStreams(inputs, window, $"The {dataset.Name} training split"), train.Labels()),
            DatasetSplit.FromEvents(test.ToStreams(inputs, window, $"The {dataset.Name} test split"), test.Labels()),
            source);
    }

    private static void RequireSamples(EventBuffer split, DatasetDefinition dataset, string folder, string which)
    {
        if (split.Count == 0)
            throw new MicrocircuitException(ErrorKind.DatasetCorrupt,
                $"Dataset '{dataset.Name}' in {folder} holds no {which} samples; fix: {dataset.Remedy}.");
    }
}
