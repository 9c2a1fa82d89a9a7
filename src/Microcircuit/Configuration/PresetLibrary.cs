using Microcircuit.Errors;
using Microcircuit.Training;

namespace Microcircuit.Configuration;

/// <summary>
/// The named experiment configs: <c>presets/NAME.json</c>, looked for in a <c>presets</c> folder found by walking up
/// from the current directory, then from the program's own folder (an installed tool carries its presets).
/// </summary>
public sealed class PresetLibrary(string? folder)
{
    public const string FolderName = "presets";

    /// <summary>The folder found, or null when none was.</summary>
    public string? Folder { get; } = folder;

    public static PresetLibrary Find() => new(FindFolder(Environment.CurrentDirectory) ?? FindFolder(AppContext.BaseDirectory));

    public IReadOnlyList<string> Names =>
        Folder is null ? [] : Directory.EnumerateFiles(Folder, "*.json").Select(f => Path.GetFileNameWithoutExtension(f)!).Order(StringComparer.Ordinal).ToArray();

    public string PathOf(string name) => Path.Combine(Folder ?? FolderName, name + ".json");

    public TrainingOptions Load(string name)
    {
        if (Folder is null)
            throw MicrocircuitException.Keyed(ErrorKind.InvalidOption,
                $"no {FolderName}/ folder found above {OptionTemplate.Quote(Environment.CurrentDirectory)} or {OptionTemplate.Quote(AppContext.BaseDirectory)}; run from the repository or use {{config}} FILE.");
        if (!Names.Contains(name))
            throw MicrocircuitException.Keyed(ErrorKind.InvalidOption,
                $"{{preset}} '{OptionTemplate.Quote(name)}' is not in {OptionTemplate.Quote(Folder)}; choose one of: {string.Join(", ", Names)}.");
        return ConfigFile.Load(PathOf(name));
    }

    private static string? FindFolder(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, FolderName);
            if (Directory.Exists(candidate) && Directory.EnumerateFiles(candidate, "*.json").Any()) return candidate;
        }
        return null;
    }
}
