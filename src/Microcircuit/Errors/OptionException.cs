using System.Text.RegularExpressions;

namespace Microcircuit.Errors;

/// <summary>
/// A training option whose value cannot be used. The library names options by their config keys: the text is a
/// template in which <c>{key}</c> stands for an option (e.g. <c>"{steps} (T) must be between 1 and 10000 (got -5)"</c>),
/// and <see cref="Exception.Message"/> writes each as the bare key. A front end writes them in its own words with
/// <see cref="Render"/>: the command line as its flags (<c>--steps</c>), a config file's reader as quoted keys.
/// </summary>
public sealed partial class OptionException : MicrocircuitException
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
        : base(kind, Fill(template, k => k), inner)
    {
        Key = key;
        Template = template;
    }

    /// <summary>The config key of the option at fault.</summary>
    public string Key { get; }

    /// <summary>The text with every option written <c>{key}</c>.</summary>
    public string Template { get; }

    /// <summary>Text typed by a user (a value, a file name), made safe to put into a template: its braces stay braces.</summary>
    public static string Quote(string text) => text.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal);

    /// <summary>The text with every <c>{key}</c> written as <paramref name="name"/> gives it.</summary>
    public string Render(Func<string, string> name) => Fill(Template, name);

    private static string Fill(string template, Func<string, string> name) =>
        KeyPattern().Replace(template, m => m.Value switch
        {
            "{{" => "{",
            "}}" => "}",
            _ => name(m.Groups[1].Value),
        });

    [GeneratedRegex(@"\{\{|\}\}|\{([a-z][a-z_]*)\}")]
    private static partial Regex KeyPattern();
}
