namespace Microcircuit.Errors;

/// <summary>
/// The one exception type the library throws for problems a user can fix. Its message is a single line
/// that names the thing at fault and the fix; the command-line tool prints it and exits with
/// <see cref="ExitCode"/>.
/// </summary>
public class MicrocircuitException : Exception
{
    public MicrocircuitException(ErrorKind kind, string message, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
    }

    public ErrorKind Kind { get; }

    public int ExitCode => (int)Kind;
}
