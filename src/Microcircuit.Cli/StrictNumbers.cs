using System.CommandLine.Parsing;

namespace Microcircuit.Cli;

/// <summary>
/// Every number on the command line is read one way, whatever the machine's culture: digits with an optional sign,
/// a decimal point and an exponent. A decimal comma (<c>0,001</c>), a thousands separator, NaN, infinity and values
/// beyond the type's range are refused, naming the option — never re-read as another number.
/// </summary>
public static class StrictNumbers
{
    /// <summary>Gives every numeric option of <paramref name="command"/> and its subcommands the strict parser.</summary>
    public static void Apply(Command command)
    {
        foreach (var option in command.Options)
        {
            switch (option)
            {
                case Option<float> o: o.CustomParser = r => Real(r, o.Name, float.MaxValue) is { } v ? (float)v : default; break;
                case Option<float?> o: o.CustomParser = r => Real(r, o.Name, float.MaxValue) is { } v ? (float)v : null; break;
                case Option<double> o: o.CustomParser = r => Real(r, o.Name, double.MaxValue) ?? default; break;
                case Option<double?> o: o.CustomParser = r => Real(r, o.Name, double.MaxValue); break;
                case Option<int> o: o.CustomParser = r => Whole(r, o.Name, int.MinValue, int.MaxValue) is { } v ? (int)v : default; break;
                case Option<int?> o: o.CustomParser = r => Whole(r, o.Name, int.MinValue, int.MaxValue) is { } v ? (int)v : null; break;
                case Option<ulong> o: o.CustomParser = r => WholeUnsigned(r, o.Name); break;
            }
        }
        foreach (var sub in command.Subcommands) Apply(sub);
    }

    private const NumberStyles RealStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    private static double? Real(ArgumentResult result, string option, double max)
    {
        if (Token(result) is not { } text) return null;
        if (!double.TryParse(text, RealStyle, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
        {
            result.AddError($"{option} '{text}' is not a number; write a finite number with a decimal point, e.g. {option} 0.001{CommaHint(text)}.");
            return null;
        }
        if (Math.Abs(value) > max)
        {
            result.AddError($"{option} {text} is beyond the largest number it can hold ({max.ToString("G3", CultureInfo.InvariantCulture)}).");
            return null;
        }
        return value;
    }

    private static long? Whole(ArgumentResult result, string option, long min, long max)
    {
        if (Token(result) is not { } text) return null;
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
        {
            result.AddError($"{option} '{text}' is not a whole number; write digits only, e.g. {option} 10{CommaHint(text)}.");
            return null;
        }
        if (value < min || value > max)
        {
            result.AddError($"{option} {text} is beyond the range it can hold ({min} to {max}).");
            return null;
        }
        return value;
    }

    private static ulong WholeUnsigned(ArgumentResult result, string option)
    {
        if (Token(result) is not { } text) return default;
        if (!ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong value))
        {
            result.AddError($"{option} '{text}' is not a whole number from 0 to {ulong.MaxValue}; write digits only, e.g. {option} 1.");
            return default;
        }
        return value;
    }

    private static string? Token(ArgumentResult result) => result.Tokens.Count == 0 ? null : result.Tokens[^1].Value;

    private static string CommaHint(string text) => text.Contains(',') ? " (a comma is never a decimal point here)" : "";
}
