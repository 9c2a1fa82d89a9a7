namespace Microcircuit.Data;

/// <summary>An idx1 label file's content: one class index per item.</summary>
internal sealed record IdxLabels(string Path, int Count, byte[] Data, string Sha256) : IdxFile(Path, Count, Sha256);
