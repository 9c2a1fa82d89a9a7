using Spectre.Console;

namespace Microcircuit.Cli;

/// <summary>Renders a Spectre table to the command's output: coloured on a terminal, plain and 160 columns wide otherwise.</summary>
public static class Tables
{
    public static void Write(Table table, TextWriter output)
    {
        bool terminal = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        });
        if (!terminal) console.Profile.Width = 160;
        console.Write(table);
    }
}
