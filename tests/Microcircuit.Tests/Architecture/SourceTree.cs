namespace Microcircuit.Tests.Architecture;

/// <summary>The library's source files, found from the test's folder upwards (the repository holding Microcircuit.sln).</summary>
internal static class SourceTree
{
    public static string? Root
    {
        get
        {
            for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
                if (File.Exists(Path.Combine(folder.FullName, "Microcircuit.sln"))) return folder.FullName;
            return null;
        }
    }

    /// <summary>Every .cs file of a project folder under src/, without build output.</summary>
    public static IReadOnlyList<string> Files(string project)
    {
        string root = Root ?? throw new InvalidOperationException("the repository (Microcircuit.sln) is not above the test's folder");
        return Directory.EnumerateFiles(Path.Combine(root, "src", project), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Order(StringComparer.Ordinal).ToArray();
    }
}
