namespace Microcircuit.Data;

/// <summary>The content of one IDX file together with the SHA-256 of its whole (decompressed) payload.</summary>
internal sealed record IdxFile(string Path, int Count, int Rows, int Columns, byte[] Data, string Sha256)
{
    /// <summary>Bytes per item: 1 for labels, rows × columns for images.</summary>
    public int ItemSize => Rows * Columns;
}
