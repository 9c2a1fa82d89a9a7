namespace Microcircuit.Errors;

/// <summary>
/// A training option whose value cannot be used. The library names options by their config keys: the text is a
/// template in which <c>{key}</c> stands for an option (e.g. <c>"{steps} (T) must be between 1 and 10000 (got -5)"</c>),
/// and <see cref="Exception.Message"/> writes each as the bare key. A front end writes them in its own words with
/// <see cref="MicrocircuitException.Render"/>: the command line as its flags (<c>--steps</c>), a config file's reader as quoted keys.
/// </summary>
public sealed class OptionException : MicrocircuitException
{
    public OptionException(string key, string template, Exception? inner = null)
        : this(ErrorKind.InvalidOption, key, template, inner)
    {
    }

    /// <param name="kind">
    /// The kind of problem when it is not the value alone: an option that conflicts with a checkpoint is a
    /// <see cref="ErrorKind.Checkpoint"/> problem that names the option.
    /// </param>
    public OptionException(ErrorKind kind, string key, string template, Exception? inner = null)
        : base(kind, template, keyed: true, inner)
    {
        Key = key;
    }

    /// <summary>The config key of the option at fault.</summary>
    public string Key { get; }

    /// <summary>Text typed by a user (a value, a file name), made safe to put into a template: its braces stay braces.</summary>
    public static string Quote(string text) => OptionTemplate.Quote(text);
}
