namespace Microcircuit.Data;

/// <summary>
/// The result of searching for one dataset: where it looked and, when found, the path of each file by its
/// base name. <see cref="Partial"/> describes the first folder that held only some of the files.
/// </summary>
internal sealed record DatasetLookup(
    DatasetDefinition Definition,
    DatasetLocations Locations,
    IReadOnlyDictionary<string, string>? Files,
    string? Partial)
{
    public bool Found => Files is not null;

    /// <summary>The path of one file of a found dataset.</summary>
    public string this[string file] => Files?[file]
        ?? throw new InvalidOperationException($"Dataset {Definition.Name} was not found.");

    /// <summary>Throws the one-line DatasetMissing error when the dataset was not found.</summary>
    public void ThrowIfMissing()
    {
        if (Found)
        {
            return;
        }

        string looked = Locations.Searched.Count == 0
            ? "no folder was given"
            : "looked in " + Errors.OptionTemplate.Quote(string.Join(", ", Locations.Searched));
        string files = string.Join(", ", Definition.Files.Select(f => f + "[.gz]"));
        string partial = Partial is null ? "" : $"; {Errors.OptionTemplate.Quote(Partial)}";
        throw Errors.MicrocircuitException.Keyed(Errors.ErrorKind.DatasetMissing,
            $"Dataset '{Definition.Name}' not found: needs {files}; {looked}{partial}; fix: {Definition.HowToGet}.");
    }
}
