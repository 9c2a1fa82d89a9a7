using System.CommandLine.Help;
using Spectre.Console;

namespace Microcircuit.Cli;

/// <summary>The `microcircuit` tool's commands; every user-fixable problem ends as one line and a distinct exit code.</summary>
public static class CommandLine
{
    /// <summary>The exit code of an exception that is not a <see cref="MicrocircuitException"/>: a bug, not a user error.</summary>
    public const int InternalError = 1;

    /// <summary>The program's name in usage lines and messages, whatever the executable or assembly is called.</summary>
    public const string Name = "microcircuit";

    /// <summary>The root command: the subcommands under the name <see cref="Name"/>, every numeric option strict.</summary>
    public static Command Create(TextWriter output)
    {
        DeviceBackends.Register();
        var root = new Command(Name, "Microcircuit: spiking neural networks trained by the cortical-microcircuit learning rule (Yang & Li, 2022).")
        {
            new HelpOption(),
            new VersionOption(),
            TrainCommand.Create(output),
            CompareCommand.Create(output),
            EvalCommand.Create(output),
            InspectCommand.Create(output),
            ExportCommand.Create(output),
            PlotCommand.Create(output),
            DatasetsCommand.Create(output),
            DevicesCommand.Create(output),
            PresetsCommand.Create(output),
        };
        StrictNumbers.Apply(root);
        return root;
    }

    public static int Run(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        var root = Create(output);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            error.WriteLine($"error: {ParseError(root, parse, args)}");
            return (int)ErrorKind.InvalidOption;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (MicrocircuitException e)
        {
            error.WriteLine($"error: {e.Render(OptionKeys.FlagOf)}");
            return e.ExitCode;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("error: interrupted.");
            return 130;
        }
        catch (OutOfMemoryException e)
        {
            // Where a command knows the run's sizes it reports them (MemoryDemand); this is the last net.
            error.WriteLine($"error: out of memory ({FirstLine(e.Message)}); this process may use {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes >> 20} MiB: use a smaller network, --batch or --steps.");
            return (int)ErrorKind.InvalidOption;
        }
        catch (Exception e) when (e is not MicrocircuitException)
        {
            // Every user-fixable problem is a MicrocircuitException; anything else is a bug. Still one line, still an exit
            // code of its own, so a script never sees a stack trace and cannot mistake it for a user error.
            error.WriteLine($"error: internal error ({e.GetType().Name}: {FirstLine(e.Message)}); this is a bug, please report it with the command that caused it.");
            return InternalError;
        }
    }

    /// <summary>The first parse error, in the tool's words where System.CommandLine's would puzzle a user.</summary>
    private static string ParseError(Command root, ParseResult parse, string[] args)
    {
        string commands = string.Join(", ", root.Subcommands.Select(c => c.Name));
        if (args.Length == 0 || args.All(a => a.StartsWith('-')) && parse.CommandResult.Command == root)
            return $"no command given; the commands are: {commands} (see '{Name} --help').";
        if (parse.CommandResult.Command == root && !args[0].StartsWith('-'))
            return $"unknown command '{args[0]}'; the commands are: {commands} (see '{Name} --help').";
        string command = parse.CommandResult.Command == root ? "" : " " + parse.CommandResult.Command.Name;
        return $"{parse.Errors[0].Message.TrimEnd('.')} (see '{Name}{command} --help').";
    }

    private static string FirstLine(string text)
    {
        int cut = text.IndexOfAny(['\r', '\n']);
        return (cut < 0 ? text : text[..cut]).TrimEnd('.', ' ');
    }
}
