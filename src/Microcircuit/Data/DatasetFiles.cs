using Microcircuit.Data.Files;

namespace Microcircuit.Data;

/// <summary>
/// Datasets a user brings as files: a NumPy .npz archive (<c>x_train</c>, <c>y_train</c>, <c>x_test</c>, <c>y_test</c>)
/// or a pair of CSV files (label, then values, per row; the training file's name with "train" → "test" is the test
/// file). Either is checked like the built-in sets: shapes, counts, label range, finite values.
/// </summary>
public static class DatasetFiles
{
    /// <summary>True when <paramref name="dataset"/> names a file (it ends in .npz or .csv) rather than a catalogue dataset.</summary>
    public static bool IsFile(string? dataset) =>
        dataset is not null && (dataset.EndsWith(".npz", StringComparison.OrdinalIgnoreCase) || dataset.EndsWith(".csv", StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads the dataset file <paramref name="path"/>.</summary>
    /// <exception cref="Errors.MicrocircuitException">DatasetMissing when it does not exist, DatasetCorrupt when it is malformed.</exception>
    public static LabelledDataset Load(string path)
    {
        Require(path);
        return Csv(path) ? CsvDataset.Load(path) : NpzDataset.Load(path);
    }

    /// <summary>The shape of one sample of the dataset file <paramref name="path"/>, read from its first array or row.</summary>
    public static Layers.ImageShape SampleShape(string path)
    {
        Require(path);
        var (c, h, w) = Csv(path) ? CsvDataset.SampleShape(path) : NpzDataset.SampleShape(path);
        return new Layers.ImageShape(c, h, w);
    }

    /// <summary>A short name for run folders and figures: the file name without its extension.</summary>
    public static string ShortName(string dataset) => IsFile(dataset) ? Path.GetFileNameWithoutExtension(dataset) : dataset;

    private static bool Csv(string path) => path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);

    private static void Require(string path)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
            throw new Errors.MicrocircuitException(Errors.ErrorKind.DatasetMissing, $"dataset file {path} does not exist; fix: give the path of an existing .npz or .csv file.");
        Errors.RegularFile.Require(path, "dataset file", Errors.ErrorKind.DatasetCorrupt, "give the file itself.");
    }
}
