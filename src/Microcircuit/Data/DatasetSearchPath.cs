namespace Microcircuit.Data;

/// <summary>
/// The folders datasets are looked for in, in order: the --data-dir folder, each folder of the
/// MICROCIRCUIT_DATA environment variable (separated by <see cref="Path.PathSeparator"/>), then folders a
/// system package installs the dataset in. Within each of the first two, the dataset's conventional
/// subfolder (e.g. <c>mnist/</c>) is tried before the folder itself.
/// </summary>
internal sealed class DatasetSearchPath
{
    public const string EnvironmentVariable = "MICROCIRCUIT_DATA";

    private readonly string? _dataDir;
    private readonly IReadOnlyList<string> _environmentFolders;
    private readonly bool _useSystemFolders;

    public DatasetSearchPath(string? dataDir, IReadOnlyList<string> environmentFolders, bool useSystemFolders = true)
    {
        _dataDir = string.IsNullOrWhiteSpace(dataDir) ? null : dataDir;
        _environmentFolders = environmentFolders;
        _useSystemFolders = useSystemFolders;
    }

    /// <summary>The search path for <paramref name="dataDir"/> and this process's MICROCIRCUIT_DATA.</summary>
    public static DatasetSearchPath FromEnvironment(string? dataDir) =>
        new(dataDir, SplitFolderList(Environment.GetEnvironmentVariable(EnvironmentVariable)));

    /// <summary>Splits a MICROCIRCUIT_DATA value into folders, dropping empty entries.</summary>
    public static IReadOnlyList<string> SplitFolderList(string? value) =>
        string.IsNullOrWhiteSpace(value)
            ? []
            : value.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Every folder examined for <paramref name="dataset"/>, in order, without repeats.</summary>
    public IReadOnlyList<string> FoldersFor(DatasetDefinition dataset)
    {
        var folders = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);

        void Add(string folder)
        {
            string full = Errors.UserPath.Full(folder, "the data folder");
            if (seen.Add(full))
            {
                folders.Add(full);
            }
        }

        IEnumerable<string> roots = _dataDir is null ? _environmentFolders : [_dataDir, .. _environmentFolders];
        foreach (string root in roots)
        {
            if (dataset.Subfolder is { } sub)
            {
                Add(Path.Combine(root, sub));
            }

            Add(root);
        }

        if (_useSystemFolders)
        {
            foreach (string folder in dataset.SystemFolders)
            {
                Add(folder);
            }
        }

        return folders;
    }

    /// <summary>Finds the first folder holding every file of <paramref name="dataset"/>.</summary>
    public DatasetLookup Locate(DatasetDefinition dataset)
    {
        IReadOnlyList<string> searched = FoldersFor(dataset);
        string? partial = null;
        foreach (string folder in searched)
        {
            if (!Directory.Exists(folder))
            {
                continue;
            }

            var files = new Dictionary<string, string>(StringComparer.Ordinal);
            var missing = new List<string>();
            foreach (string file in dataset.Files)
            {
                string? path = Existing(Path.Combine(folder, file)) ?? Existing(Path.Combine(folder, file + ".gz"));
                if (path is null)
                {
                    missing.Add(file);
                }
                else
                {
                    files[file] = path;
                }
            }

            if (missing.Count == 0)
            {
                return new DatasetLookup(dataset, new DatasetLocations(folder, searched), files, null);
            }

            if (files.Count > 0 && partial is null)
            {
                partial = $"{folder} holds only some of the files and lacks {string.Join(", ", missing.Select(m => m + "[.gz]"))}";
            }
        }

        return new DatasetLookup(dataset, new DatasetLocations(null, searched), null, partial);
    }

    private static string? Existing(string path) => File.Exists(path) || Directory.Exists(path) ? path : null;
}
