namespace Microcircuit.Data;

/// <summary>What one IDX file held: its item count and the SHA-256 of its whole (decompressed) payload.</summary>
internal abstract record IdxFile(string Path, int Count, string Sha256);
