namespace Microcircuit.Data;

/// <summary>An idx3 image file's content: <see cref="IdxFile.Count"/> images of rows × columns pixels.</summary>
internal sealed record IdxImages(string Path, int Count, int Rows, int Columns, ImageStore Images, string Sha256)
    : IdxFile(Path, Count, Sha256);
