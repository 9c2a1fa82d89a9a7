using System.CommandLine;
using Microcircuit.Errors;
using Spectre.Console;

namespace Microcircuit.Cli;

/// <summary>The `microcircuit` tool's commands; every user-fixable problem ends as one line and a distinct exit code.</summary>
public static class CommandLine
{
    /// <summary>The exit code of an exception that is not a <see cref="MicrocircuitException"/>: a bug, not a user error.</summary>
    public const int InternalError = 1;

    public static int Run(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        var root = new RootCommand("Microcircuit: spiking neural networks trained by the cortical-microcircuit learning rule (Yang & Li, 2022).")
        {
            TrainCommand.Create(output),
            CompareCommand.Create(output),
            EvalCommand.Create(output),
            InspectCommand.Create(output),
            PlotCommand.Create(output),
            DatasetsCommand.Create(output),
            PresetsCommand.Create(output),
        };
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            error.WriteLine($"error: {parse.Errors[0].Message} (see 'microcircuit {string.Join(' ', args.TakeWhile(a => !a.StartsWith('-')).Take(1))} --help')");
            return (int)ErrorKind.InvalidOption;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (MicrocircuitException e)
        {
            error.WriteLine($"error: {e.Message}");
            return e.ExitCode;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("error: interrupted.");
            return 130;
        }
        catch (Exception e) when (e is not MicrocircuitException)
        {
            // Every user-fixable problem is a MicrocircuitException; anything else is a bug. Still one line, still an exit
            // code of its own, so a script never sees a stack trace and cannot mistake it for a user error.
            error.WriteLine($"error: internal error ({e.GetType().Name}: {FirstLine(e.Message)}); this is a bug, please report it with the command that caused it.");
            return InternalError;
        }
    }

    private static string FirstLine(string text)
    {
        int cut = text.IndexOfAny(['\r', '\n']);
        return (cut < 0 ? text : text[..cut]).TrimEnd('.', ' ');
    }
}
