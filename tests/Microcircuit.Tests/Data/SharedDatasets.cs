using Microcircuit.Data;
using Xunit;

namespace Microcircuit.Tests.Data;

/// <summary>
/// Where the real datasets are for tests: the folders of MICROCIRCUIT_DATA, then <c>../shared/datasets</c>
/// beside the repository (the folder holding Microcircuit.sln, found by walking up from the test binaries).
/// </summary>
internal static class SharedDatasets
{
    public static IReadOnlyList<string> Folders { get; } = FindFolders();

    /// <summary>A search path over <see cref="Folders"/>, plus system folders such as Debian's Fashion-MNIST.</summary>
    public static DatasetSearchPath SearchPath => new(null, Folders);

    /// <summary>Locates a dataset, skipping the test with a message naming the folders when it is absent.</summary>
    public static DatasetLookup Require(string name)
    {
        DatasetDefinition dataset = DatasetCatalogue.Definition(name);
        DatasetLookup lookup = SearchPath.Locate(dataset);
        if (!lookup.Found)
        {
            string where = lookup.Locations.Searched.Count == 0
                ? "MICROCIRCUIT_DATA is unset and there is no ../shared/datasets beside the repository"
                : "searched " + string.Join(", ", lookup.Locations.Searched);
            Assert.Skip($"{name} not found ({where}); set MICROCIRCUIT_DATA or place it under ../shared/datasets.");
        }

        return lookup;
    }

    private static IReadOnlyList<string> FindFolders()
    {
        var folders = new List<string>(
            DatasetSearchPath.SplitFolderList(Environment.GetEnvironmentVariable(DatasetSearchPath.EnvironmentVariable)));
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Microcircuit.sln")))
            {
                string shared = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "datasets"));
                if (Directory.Exists(shared))
                {
                    folders.Add(shared);
                }

                break;
            }
        }

        return folders;
    }
}
