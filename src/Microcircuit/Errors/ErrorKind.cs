namespace Microcircuit.Errors;

/// <summary>
/// What went wrong, coarsely. Each kind maps to a distinct process exit code in the command-line tool,
/// so scripts can tell a missing dataset from a bad option or a diverging run.
/// </summary>
public enum ErrorKind
{
    /// <summary>An option or configuration value is invalid (exit code 2).</summary>
    InvalidOption = 2,
    /// <summary>A dataset could not be found in any searched location (exit code 3).</summary>
    DatasetMissing = 3,
    /// <summary>A dataset file exists but is truncated, malformed or fails its checksum (exit code 4).</summary>
    DatasetCorrupt = 4,
    /// <summary>A checkpoint is unreadable, of another format version or of another network shape (exit code 5).</summary>
    Checkpoint = 5,
    /// <summary>Training diverged: NaN or infinity in weights or loss (exit code 6).</summary>
    Divergence = 6,
    /// <summary>A file or directory could not be read or written (exit code 7).</summary>
    Io = 7,
}
