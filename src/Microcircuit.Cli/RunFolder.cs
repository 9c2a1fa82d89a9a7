namespace Microcircuit.Cli;

/// <summary>
/// The folder a run (or a comparison) writes, claimed by that run alone. An earlier run's files are never replaced
/// unless the user said <c>--overwrite</c>; continuing a run is <c>--resume</c>. While a run writes, it holds an
/// exclusive lock on <see cref="LockName"/> in the folder (an OS file lock, released by the kernel when the process
/// ends, however it ends), so a second run started on the same folder is refused instead of writing into it, and a
/// crashed run leaves nothing stuck.
/// </summary>
public sealed class RunFolder : IDisposable
{
    /// <summary>The lock file; its presence means nothing, only a process holding it open does.</summary>
    public const string LockName = ".microcircuit.lock";

    private readonly IReadOnlyList<string> _files;
    private readonly string _what;
    private readonly string? _stem;   // a fresh folder: the name its candidates grow from (stem, stem-2, stem-3, …)
    private int _candidate = 1;
    private FileStream? _lock;

    /// <param name="path">The folder, as given to <c>--out</c>.</param>
    /// <param name="files">The names of the files such a run writes: what counts as an earlier run, and what --overwrite removes.</param>
    /// <param name="what">"run" or "comparison", for messages.</param>
    public RunFolder(string path, IReadOnlyList<string> files, string what = "run")
    {
        Path = UserPath.Full(path, "{out}");
        _files = files;
        _what = what;
    }

    /// <summary>
    /// A folder of its own for a run that was given none: <paramref name="stem"/>, or <c>stem-2</c>, <c>stem-3</c>, … when
    /// that name is taken. Taken means it exists now, or, when claimed, another process holds it or has written a run
    /// there; several runs started in the same second each end in a folder of their own.
    /// </summary>
    public static RunFolder Fresh(string stem, IReadOnlyList<string> files)
    {
        var folder = new RunFolder(files, UserPath.Full(stem, "{out}"));
        while (Directory.Exists(folder.Path) || File.Exists(folder.Path)) folder.NextCandidate();
        return folder;
    }

    private RunFolder(IReadOnlyList<string> files, string stem) : this(stem, files)
    {
        _stem = stem;
    }

    private void NextCandidate()
    {
        _candidate++;
        Path = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{_stem}-{_candidate}");
    }

    public string Path { get; private set; }

    /// <summary>The files of an earlier run that the folder holds.</summary>
    public IReadOnlyList<string> EarlierFiles() =>
        File.Exists(Path) ? [] : _files.Where(f => File.Exists(System.IO.Path.Combine(Path, f))).ToArray();

    /// <summary>
    /// Refuses a folder that holds an earlier run, unless <paramref name="overwrite"/> or the earlier run is the one
    /// being continued (<paramref name="continuing"/>). Changes nothing on disk.
    /// </summary>
    public void ThrowIfTaken(bool overwrite, bool continuing)
    {
        if (overwrite || continuing) return;
        var earlier = EarlierFiles();
        if (earlier.Count > 0)
            throw new MicrocircuitException(ErrorKind.InvalidOption,
                $"--out {Path} already holds a {_what} ({string.Join(", ", earlier)}); " +
                (_what == "run" ? $"continue it with --resume {Path}, " : "") + "choose another --out, or add --overwrite to replace it.");
    }

    /// <summary>
    /// Creates the folder and takes its lock; with <paramref name="clearEarlier"/> then removes an earlier run's files
    /// (only the files such a run writes, never anything else). Throws a one-line error when another process holds the lock.
    /// </summary>
    public void Claim(bool clearEarlier)
    {
        if (_stem is null)
        {
            if (!TryClaim(clearEarlier))
                throw new MicrocircuitException(ErrorKind.Io,
                    $"--out {Path} is in use by another run (it holds {LockName} there); wait for that run to end or choose another --out.");
            return;
        }
        while (true)
        {
            if (TryClaim(clearEarlier: false))
            {
                if (EarlierFiles().Count == 0) return;
                Dispose();         // another run finished there meanwhile
            }
            NextCandidate();       // another run holds it, or held it
        }
    }

    /// <summary>Creates the folder and takes its lock; false when another process holds it.</summary>
    private bool TryClaim(bool clearEarlier)
    {
        string lockPath = System.IO.Path.Combine(Path, LockName);
        try
        {
            Directory.CreateDirectory(Path);
            _lock = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            _lock.SetLength(0);
            using var note = new StreamWriter(_lock, leaveOpen: true);
            note.Write($"pid {Environment.ProcessId}, since {DateTimeOffset.UtcNow:O}\n");
        }
        catch (IOException e) when (File.Exists(lockPath) && IsHeld(e))
        {
            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MicrocircuitException(ErrorKind.Io, $"cannot write {Path}: {e.Message.TrimEnd('.')}; choose a writable --out directory.", e);
        }
        if (!clearEarlier) return true;
        foreach (string file in _files)
        {
            string full = System.IO.Path.Combine(Path, file);
            try
            {
                File.Delete(full);
                foreach (string temp in Directory.EnumerateFiles(Path, file + ".*.tmp")) File.Delete(temp);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new MicrocircuitException(ErrorKind.Io, $"cannot remove {full} of the earlier {_what}: {e.Message.TrimEnd('.')}; remove it by hand or choose another --out.", e);
            }
        }
        return true;
    }

    /// <summary>Releases the lock (the file stays; only a held lock means "in use").</summary>
    public void Dispose()
    {
        _lock?.Dispose();
        _lock = null;
    }

    /// <summary>EWOULDBLOCK from flock on Unix, a sharing or lock violation on Windows.</summary>
    private static bool IsHeld(IOException e) =>
        OperatingSystem.IsWindows() ? (e.HResult & 0xFFFF) is 32 or 33 : e.HResult is 11 or 35;
}
