namespace Microcircuit.Data;

/// <summary>The SHA-256 of one dataset file's decompressed payload, with the file's base name and path.</summary>
internal sealed record FileChecksum(string File, string Path, string Sha256);
