using System.Text.RegularExpressions;

namespace Microcircuit.Errors;

/// <summary>
/// Message templates that name options by config key: <c>{key}</c> stands for an option, <c>{{</c> and <c>}}</c> for
/// braces. The library writes messages this way; each front end fills the keys in its own words (the command line
/// with its flags, a config file's reader with quoted keys).
/// </summary>
public static partial class OptionTemplate
{
    /// <summary>Text typed by a user (a value, a file name), made safe to put into a template: its braces stay braces.</summary>
    public static string Quote(string text) => text.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal);

    /// <summary>The template with every <c>{key}</c> written as <paramref name="name"/> gives it.</summary>
    public static string Fill(string template, Func<string, string> name) =>
        KeyPattern().Replace(template, m => m.Value switch
        {
            "{{" => "{",
            "}}" => "}",
            _ => name(m.Groups[1].Value),
        });

    [GeneratedRegex(@"\{\{|\}\}|\{([a-z][a-z_]*)\}")]
    private static partial Regex KeyPattern();
}
