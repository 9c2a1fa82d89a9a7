namespace Microcircuit.Data;

/// <summary>
/// One line of a <c>datasets</c> listing: whether a dataset was found, where, what its checksums said,
/// and how to get it.
/// </summary>
/// <param name="Name">Catalogue name.</param>
/// <param name="FoundIn">Folder holding its files, "embedded" for the built-in one, or null when not found.</param>
/// <param name="Verification">Outcome of checking the files' SHA-256 against the known values.</param>
/// <param name="Detail">What was found, e.g. the known-variant note or the file whose checksum differs.</param>
/// <param name="HowToGet">The fix when it is missing.</param>
/// <param name="Searched">Folders examined, in search order.</param>
public sealed record DatasetStatus(
    string Name,
    string? FoundIn,
    DatasetVerification Verification,
    string Detail,
    string HowToGet,
    IReadOnlyList<string> Searched)
{
    public bool Found => FoundIn is not null;

    /// <summary>True when every file matched the published data or a known variant.</summary>
    public bool Verified => Verification is DatasetVerification.Official or DatasetVerification.KnownVariant;
}
