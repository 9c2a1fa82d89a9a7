namespace Microcircuit.Data;

/// <summary>Datasets a user brings as files: a NumPy .npz archive or a pair of CSV files (to be written).</summary>
public static class DatasetFiles
{
    /// <summary>True when <paramref name="dataset"/> names a file (it ends in .npz or .csv) rather than a catalogue dataset.</summary>
    public static bool IsFile(string? dataset) =>
        dataset is not null && (dataset.EndsWith(".npz", StringComparison.OrdinalIgnoreCase) || dataset.EndsWith(".csv", StringComparison.OrdinalIgnoreCase));

    public static LabelledDataset Load(string path) => throw new NotImplementedException(path);
}
