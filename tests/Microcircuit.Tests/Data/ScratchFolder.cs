namespace Microcircuit.Tests.Data;

/// <summary>A temporary folder for one test, deleted on dispose.</summary>
internal sealed class ScratchFolder : IDisposable
{
    public ScratchFolder()
    {
        Path = Directory.CreateTempSubdirectory("microcircuit-data-").FullName;
    }

    public string Path { get; }

    public string this[string relative] => System.IO.Path.Combine(Path, relative);

    /// <summary>Creates (if needed) and returns a subfolder.</summary>
    public string Folder(string relative) => Directory.CreateDirectory(this[relative]).FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder is harmless.
        }
    }
}
