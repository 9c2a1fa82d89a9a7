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
