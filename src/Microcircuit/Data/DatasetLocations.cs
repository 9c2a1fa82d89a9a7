namespace Microcircuit.Data;

/// <summary>
/// The outcome of looking for a dataset on disk: the folder that holds all its files (null when none
/// does) and every folder that was searched, in search order.
/// </summary>
public sealed record DatasetLocations(string? DataDir, IReadOnlyList<string> Searched);
