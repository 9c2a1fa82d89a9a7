namespace Microcircuit.Errors;

/// <summary>
/// The one exception type the library throws for problems a user can fix. Its message is a single line
/// that names the thing at fault and the fix; the command-line tool prints it and exits with
/// <see cref="ExitCode"/>. Line breaks in the text given (a file name or an inner error's message may hold
/// them) become spaces, so the message stays one line whatever it quotes.
/// </summary>
public class MicrocircuitException : Exception
{
    public MicrocircuitException(ErrorKind kind, string message, Exception? inner = null)
        : base(OneLine(message), inner)
    {
        Kind = kind;
    }

    public ErrorKind Kind { get; }

    public int ExitCode => (int)Kind;

    private static string OneLine(string text) =>
        text.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ');
}
