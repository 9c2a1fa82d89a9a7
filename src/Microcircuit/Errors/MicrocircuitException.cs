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

    /// <summary>A message written as an <see cref="OptionTemplate"/>: options named <c>{key}</c>, user text quoted.</summary>
    protected MicrocircuitException(ErrorKind kind, string template, bool keyed, Exception? inner)
        : base(OneLine(OptionTemplate.Fill(template, k => k)), inner)
    {
        Kind = kind;
        if (keyed) Template = OneLine(template);
    }

    /// <summary>
    /// A problem whose message names options by config key (<see cref="OptionTemplate"/>), e.g.
    /// <c>"… pass {data_dir} DIR"</c>; <see cref="Exception.Message"/> writes the bare keys, <see cref="Render"/> a
    /// front end's words. Text a user typed must go in through <see cref="OptionTemplate.Quote"/>.
    /// </summary>
    public static MicrocircuitException Keyed(ErrorKind kind, string template, Exception? inner = null) => new(kind, template, true, inner);

    public ErrorKind Kind { get; }

    /// <summary>The message with every option written <c>{key}</c>; null when it names no option.</summary>
    public string? Template { get; }

    /// <summary>The message with every option key written as <paramref name="name"/> gives it (the message itself when it names none).</summary>
    public string Render(Func<string, string> name) => Template is null ? Message : OptionTemplate.Fill(Template, name);

    public int ExitCode => (int)Kind;

    private static string OneLine(string text) =>
        text.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ');
}
