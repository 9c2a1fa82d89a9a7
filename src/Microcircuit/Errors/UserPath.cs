namespace Microcircuit.Errors;

/// <summary>
/// Makes a path typed by the user absolute. An empty path or one with a NUL character is an InvalidOption error naming
/// the option, not an ArgumentException from <see cref="Path.GetFullPath(string)"/>.
/// </summary>
public static class UserPath
{
    /// <param name="path">The path as given.</param>
    /// <param name="option">
    /// Where it came from, as an <see cref="OptionTemplate"/> fragment: an option by key, e.g. "{out}", or words, e.g.
    /// "the data folder".
    /// </param>
    public static string Full(string path, string option)
    {
        if (string.IsNullOrWhiteSpace(path) || path.Contains('\0'))
            throw MicrocircuitException.Keyed(ErrorKind.InvalidOption,
                $"{option} '{OptionTemplate.Quote(path.Replace("\0", "\\0", StringComparison.Ordinal))}' is not a usable path; give a file or folder name.");
        return Path.GetFullPath(path);
    }
}
