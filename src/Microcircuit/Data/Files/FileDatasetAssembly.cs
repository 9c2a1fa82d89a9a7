using Microcircuit.Errors;

namespace Microcircuit.Data.Files;

/// <summary>
/// Turns the train and test splits a user's file gave into a <see cref="LabelledDataset"/>, with the checks the built-in
/// datasets get: same sample shape in both splits, labels in 0–255 (classes = largest label + 1), every value finite,
/// bytes in both or floats in both. Normalisation is computed from the training split (per channel: mean and standard
/// deviation of value / scale, where scale is 255 for bytes and 1 for floats) unless the file gives it.
/// </summary>
internal static class FileDatasetAssembly
{
    public static LabelledDataset Assemble(string path, FileSplit train, FileSplit test, float[]? mean, float[]? std, string format)
    {
        string name = Path.GetFileNameWithoutExtension(path);
        if ((train.Channels, train.Height, train.Width) != (test.Channels, test.Height, test.Width))
            throw Corrupt(path, $"its training samples are {Shape(train)} and its test samples {Shape(test)}", "give both splits the same shape");
        if (train.Count == 0 || test.Count == 0)
            throw Corrupt(path, $"its {(train.Count == 0 ? "training" : "test")} split holds no samples", "give both splits at least one sample");
        if (train.Bytes is null != (test.Bytes is null))
        {
            train = train.AsFloats();
            test = test.AsFloats();
        }
        long largest = 0;
        foreach (var split in new[] { train, test })
            foreach (long label in split.Labels)
            {
                if (label is < 0 or > 255) throw Corrupt(path, $"a label is {label}", "number the classes 0, 1, … up to at most 255");
                largest = Math.Max(largest, label);
            }
        int classes = (int)largest + 1;
        if (classes < 2) throw Corrupt(path, "every label is 0, so there is nothing to classify", "give at least two classes");
        foreach (var split in new[] { train, test })
            if (split.Floats is { } values && Array.Exists(values, v => !float.IsFinite(v)))
                throw Corrupt(path, "a sample holds a NaN or infinite value", "replace it with a finite number");

        int channels = train.Channels;
        float scale = train.Bytes is null ? 1f : 255f;
        DatasetSplit trainSplit = Split(train), testSplit = Split(test);
        Normalisation normalisation;
        if (mean is not null || std is not null)
        {
            if (mean is null || std is null || mean.Length != channels || std.Length != channels)
                throw Corrupt(path, $"it gives mean and std that are not both {channels} value(s), one per channel", "give 'mean' and 'std' with one value per channel, or neither");
            if (mean.Any(m => !float.IsFinite(m)) || std.Any(s => !(s > 0f) || !float.IsFinite(s)))
                throw Corrupt(path, "its std holds a value that is not positive (or a mean or std that is not finite)", "give finite means and positive standard deviations");
            normalisation = new Normalisation(scale, mean, std);
        }
        else
        {
            normalisation = Normalisation.Measure(trainSplit, channels);
        }

        var names = Enumerable.Range(0, classes).Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return new LabelledDataset(name, channels, train.Height, train.Width, names, normalisation, trainSplit, testSplit,
            $"{path} ({format}: {train.Count} training and {test.Count} test samples of {Shape(train)}, {classes} classes)");
    }

    private static DatasetSplit Split(FileSplit split)
    {
        byte[] labels = Array.ConvertAll(split.Labels, l => (byte)l);
        return split.Bytes is { } bytes
            ? DatasetSplit.FromBytes(bytes, labels, split.Dimension)
            : DatasetSplit.FromFloats(split.Floats!, labels, split.Dimension);
    }

    private static string Shape(FileSplit s) => $"{s.Channels}×{s.Height}×{s.Width}";

    public static MicrocircuitException Corrupt(string path, string problem, string fix) =>
        new(ErrorKind.DatasetCorrupt, $"{path}: {problem}; fix: {fix}.");
}
