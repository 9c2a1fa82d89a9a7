namespace Microcircuit.Data;

/// <summary>
/// The datasets the library can load by name, where it looks for them and what it found. Folders searched,
/// in order: <c>dataDir</c> (the --data-dir option), each folder in the MICROCIRCUIT_DATA environment variable,
/// then system folders (Debian's <c>/usr/share/datasets/fashion-mnist</c> for fashion-mnist). In each of
/// the first two, the conventional subfolder (<c>mnist/</c>, <c>fashion-mnist/</c>, <c>cifar-10-batches-bin/</c>)
/// is tried before the folder itself; files are accepted with or without ".gz".
/// </summary>
public static class DatasetCatalogue
{
    /// <summary>What <see cref="DatasetStatus.FoundIn"/> says for the built-in dataset.</summary>
    public const string Embedded = "embedded";

    public static IReadOnlyList<string> Names { get; } = DatasetDefinition.All.Select(d => d.Name).ToArray();

    private static IReadOnlyList<string> DigitNames { get; } = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

    private static IReadOnlyList<string> FashionNames { get; } =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>(p/255 − 0.1307)/0.3081, the usual MNIST constants, also used for Fashion-MNIST.</summary>
    private static Normalisation MnistNormalisation => new(255f, [0.1307f], [0.3081f]);

    /// <summary>
    /// Loads a dataset by name. Structural checks always apply; with <paramref name="verify"/> the SHA-256 of
    /// every payload must match the published data or a known variant.
    /// </summary>
    /// <exception cref="Errors.MicrocircuitException">
    /// InvalidOption for an unknown name, DatasetMissing when no searched folder holds it, DatasetCorrupt for
    /// a malformed file or unknown checksum, Io when a file cannot be read.
    /// </exception>
    public static LabelledDataset Load(string name, string? dataDir = null, bool verify = true) =>
        DatasetFiles.IsFile(name) ? DatasetFiles.Load(name) : Load(name, DatasetSearchPath.FromEnvironment(dataDir), verify);

    /// <summary>Where <paramref name="name"/> is looked for and where (if anywhere) it was found.</summary>
    public static DatasetLocations Locate(string name, string? dataDir = null) =>
        Locate(name, DatasetSearchPath.FromEnvironment(dataDir));

    /// <summary>One status per catalogue dataset, with checksums computed for those found.</summary>
    public static IReadOnlyList<DatasetStatus> Describe(string? dataDir = null) => Describe(dataDir, verify: true);

    /// <summary>One status per catalogue dataset; <paramref name="verify"/> = false skips reading the files.</summary>
    public static IReadOnlyList<DatasetStatus> Describe(string? dataDir, bool verify) =>
        Describe(DatasetSearchPath.FromEnvironment(dataDir), verify);

    internal static LabelledDataset Load(string name, DatasetSearchPath searchPath, bool verify)
    {
        DatasetDefinition dataset = Definition(name);
        return dataset.Name switch
        {
            "digits" => DigitsReader.Load(),
            "mnist" => IdxDatasetLoader.Load(searchPath.Locate(dataset), DigitNames, MnistNormalisation, verify),
            "fashion-mnist" => IdxDatasetLoader.Load(searchPath.Locate(dataset), FashionNames, MnistNormalisation, verify),
            "cifar10" => CifarDatasetLoader.Load(searchPath.Locate(dataset), verify),
            "nmnist" => Events.NmnistReader.Load(Found(searchPath.Locate(dataset))),
            "shd" => Events.ShdReader.Load(Found(searchPath.Locate(dataset))),
            _ => Events.DvsGestureReader.Load(Found(searchPath.Locate(dataset))),
        };
    }

    private static DatasetLookup Found(DatasetLookup lookup)
    {
        lookup.ThrowIfMissing();
        return lookup;
    }

    internal static DatasetLocations Locate(string name, DatasetSearchPath searchPath)
    {
        DatasetDefinition dataset = Definition(name);
        return dataset.IsEmbedded
            ? new DatasetLocations(Embedded, [])
            : searchPath.Locate(dataset).Locations;
    }

    internal static IReadOnlyList<DatasetStatus> Describe(DatasetSearchPath searchPath, bool verify) =>
        DatasetDefinition.All.Select(d => DatasetSurvey.Survey(d, searchPath, verify)).ToArray();

    internal static DatasetDefinition Definition(string name) =>
        DatasetDefinition.All.FirstOrDefault(d => string.Equals(d.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new Errors.MicrocircuitException(Errors.ErrorKind.InvalidOption,
            $"Unknown dataset '{name}'; fix: use one of {string.Join(", ", DatasetDefinition.All.Select(d => d.Name))}.");
}
