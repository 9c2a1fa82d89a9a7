namespace Microcircuit.Data;

/// <summary>A labelled image dataset: shape, class names, normalisation and its train and test splits.</summary>
public sealed class LabelledDataset
{
    internal LabelledDataset(
        string name,
        int channels,
        int height,
        int width,
        IReadOnlyList<string> classNames,
        Normalisation normalisation,
        DatasetSplit train,
        DatasetSplit test,
        string source,
        string? caveat = null)
    {
        Name = name;
        Channels = channels;
        Height = height;
        Width = width;
        ClassNames = classNames;
        Normalisation = normalisation;
        Train = train;
        Test = test;
        Source = source;
        Caveat = caveat;
    }

    /// <summary>
    /// A dataset from splits built in memory (<see cref="DatasetSplit.FromBytes"/>, <see cref="DatasetSplit.FromFloats"/>,
    /// <see cref="DatasetSplit.FromEvents"/>). Samples are channel-major, <paramref name="channels"/> × <paramref name="height"/>
    /// × <paramref name="width"/> values (per frame for event streams); labels run from 0 to the number of class names − 1.
    /// Without <paramref name="normalisation"/>, it is measured on the training split (<see cref="Normalisation.Measure"/>).
    /// </summary>
    public static LabelledDataset Create(string name, int channels, int height, int width, IReadOnlyList<string> classNames,
        DatasetSplit train, DatasetSplit test, Normalisation? normalisation = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(classNames);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        if (classNames.Count is < 2 or > 256) throw new ArgumentException($"A dataset needs 2 to 256 classes, not {classNames.Count}.", nameof(classNames));
        long size = (long)channels * height * width;
        foreach (var (split, which) in new[] { (train, "training"), (test, "test") })
        {
            if (split.Dimension != size) throw new ArgumentException($"The {which} samples hold {split.Dimension} values; {channels}×{height}×{width} is {size}.", nameof(train));
            if (split.IsTemporal != train.IsTemporal) throw new ArgumentException("Both splits must hold event streams, or neither.", nameof(test));
            foreach (byte label in split.Labels.Span)
                if (label >= classNames.Count) throw new ArgumentException($"A {which} label is {label}; with {classNames.Count} classes labels run from 0 to {classNames.Count - 1}.", nameof(classNames));
        }
        normalisation ??= Normalisation.Measure(train, channels);
        if (normalisation.Channels != channels || normalisation.Std.Length != channels)
            throw new ArgumentException($"The normalisation describes {normalisation.Channels} channel(s); the samples have {channels}.", nameof(normalisation));
        return new LabelledDataset(name, channels, height, width, [.. classNames], normalisation, train, test, "arrays in memory");
    }

    /// <summary>Catalogue name: "digits", "mnist", "fashion-mnist" or "cifar10".</summary>
    public string Name { get; }

    public int Channels { get; }

    public int Height { get; }

    public int Width { get; }

    /// <summary>Number of classes; labels run from 0 to <c>Classes − 1</c>.</summary>
    public int Classes => ClassNames.Count;

    public IReadOnlyList<string> ClassNames { get; }

    public Normalisation Normalisation { get; }

    public DatasetSplit Train { get; }

    public DatasetSplit Test { get; }

    /// <summary>Where the data was read from and what its checksums said, e.g. a note that it is a known variant.</summary>
    public string Source { get; }

    /// <summary>
    /// A short warning where the files are not the published release: a known variant's description (e.g. the JPEG-q75
    /// reconstruction of CIFAR-10), or that their checksums matched nothing known; null for the published data.
    /// </summary>
    public string? Caveat { get; }

    /// <summary>The dataset's name as a figure shows it: the name, and the caveat in brackets where there is one.</summary>
    public string FigureName => Caveat is null ? Name : $"{Name} ({Caveat})";
}
