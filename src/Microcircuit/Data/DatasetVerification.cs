namespace Microcircuit.Data;

/// <summary>What the SHA-256 checksums of a dataset's files said.</summary>
public enum DatasetVerification
{
    /// <summary>The checksums were not computed (the dataset was not found, or checking was skipped).</summary>
    NotChecked,
    /// <summary>Every file matches the published data.</summary>
    Official,
    /// <summary>Every file matches the published data or a known, documented variant of it.</summary>
    KnownVariant,
    /// <summary>At least one file matches neither the published data nor a known variant.</summary>
    Mismatch,
}
