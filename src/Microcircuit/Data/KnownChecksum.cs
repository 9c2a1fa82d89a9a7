namespace Microcircuit.Data;

/// <summary>
/// The SHA-256 of one dataset file's decompressed payload. <paramref name="Variant"/> is null for the
/// published data and otherwise describes the known variant the hash identifies.
/// </summary>
internal sealed record KnownChecksum(string Dataset, string File, string Sha256, string? Variant);
