namespace Microcircuit.Data;

/// <summary>
/// Judges a dataset's file checksums against <see cref="ChecksumTable"/>: published data, a known variant,
/// or unknown content. Throws the one-line DatasetCorrupt error for unknown content when asked to verify.
/// </summary>
internal sealed class ChecksumReport
{
    private ChecksumReport(DatasetVerification verification, string? variant, FileChecksum? mismatch, int files)
    {
        Verification = verification;
        Variant = variant;
        Mismatch = mismatch;
        Files = files;
    }

    public DatasetVerification Verification { get; }

    /// <summary>The known variant's description when <see cref="Verification"/> is KnownVariant.</summary>
    public string? Variant { get; }

    /// <summary>The first file (in dataset order) whose checksum is unknown.</summary>
    public FileChecksum? Mismatch { get; }

    public int Files { get; }

    public static ChecksumReport Judge(string dataset, IReadOnlyList<FileChecksum> checksums)
    {
        string? variant = null;
        foreach (FileChecksum checksum in checksums)
        {
            KnownChecksum? known = ChecksumTable.Find(dataset, checksum.File, checksum.Sha256);
            if (known is null)
            {
                return new ChecksumReport(DatasetVerification.Mismatch, null, checksum, checksums.Count);
            }

            variant ??= known.Variant;
        }

        return new ChecksumReport(
            variant is null ? DatasetVerification.Official : DatasetVerification.KnownVariant, variant, null, checksums.Count);
    }

    /// <summary>Throws DatasetCorrupt for unknown content when <paramref name="verify"/> is set.</summary>
    public void ThrowIfRejected(bool verify, string datasetName, string remedy)
    {
        if (verify && Mismatch is { } bad)
        {
            throw Errors.MicrocircuitException.Keyed(Errors.ErrorKind.DatasetCorrupt,
                $"Dataset file {Errors.OptionTemplate.Quote(bad.Path)} fails its checksum: SHA-256 {bad.Sha256} of its payload {Unrecognised(datasetName)}; fix: {remedy}, or pass {{no_verify}} to use it unchecked.");
        }
    }

    /// <summary>Why an unknown hash is unknown: no published value matches, or none is recorded at all.</summary>
    public static string Unrecognised(string dataset) =>
        ChecksumTable.Entries.Any(e => e.Dataset == dataset && e.Variant is null)
            ? $"does not match the published {dataset} data or any known variant"
            : $"does not match any hash known for {dataset} (the official files' hashes are not recorded, only a known variant's, so an official copy also needs {{no_verify}})";

    /// <summary>What a figure of this data must say beside the dataset's name; null for the published data.</summary>
    public string? Caveat => Verification switch
    {
        DatasetVerification.KnownVariant => Variant,
        DatasetVerification.Mismatch => "unverified files: checksums match no known content",
        _ => null,
    };

    /// <summary>A short note on the outcome, for <see cref="LabelledDataset.Source"/> and dataset listings.</summary>
    public string Summary => Verification switch
    {
        DatasetVerification.Official => $"SHA-256 of all {Files} payloads matches the published data",
        DatasetVerification.KnownVariant => $"{Variant} (SHA-256 of all {Files} payloads matches this known variant)",
        DatasetVerification.Mismatch =>
            $"not verified: SHA-256 of {Mismatch?.Path} matches no known content (loaded unverified, as asked)",
        _ => "checksums not computed",
    };
}
