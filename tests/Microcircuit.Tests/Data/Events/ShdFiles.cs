using PureHDF;

namespace Microcircuit.Tests.Data.Events;

/// <summary>
/// Writes SHD-shaped HDF5 files with PureHDF: <c>spikes/times</c> and <c>spikes/units</c> as variable-length rows (of
/// whatever element type the arrays have) and <c>labels</c>, optionally gzip-compressed as the published files are.
/// </summary>
internal static class ShdFiles
{
    public static string Write(string path, Array times, Array units, Array labels, bool gzip = false)
    {
        var file = new H5File
        {
            ["spikes"] = new H5Group { ["times"] = times, ["units"] = units },
            ["labels"] = labels,
        };
        string plain = gzip ? path + ".plain" : path;
        file.Write(plain);
        if (gzip)
        {
            File.WriteAllBytes(path, Microcircuit.Tests.Data.SyntheticFiles.Gzip(File.ReadAllBytes(plain)));
            File.Delete(plain);
        }

        return path;
    }

    /// <summary>A file holding only the given datasets (by path), to test what a reader does when one is missing.</summary>
    public static string WriteOnly(string path, IReadOnlyDictionary<string, object> datasets)
    {
        var file = new H5File();
        foreach (var (name, value) in datasets)
        {
            string[] parts = name.Split('/');
            H5Group group = file;
            foreach (string part in parts[..^1])
            {
                if (!group.TryGetValue(part, out object? child)) group[part] = child = new H5Group();
                group = (H5Group)child;
            }

            group[parts[^1]] = value;
        }

        file.Write(path);
        return path;
    }
}
