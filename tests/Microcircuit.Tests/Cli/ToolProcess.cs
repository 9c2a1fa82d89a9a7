using System.Diagnostics;

namespace Microcircuit.Tests.Cli;

/// <summary>Runs the built `microcircuit` tool as a child process with a controlled environment.</summary>
internal static class ToolProcess
{
    public static (int ExitCode, string Output, string Error) Run(IEnumerable<string> arguments, string? dataEnvironment = null,
        IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var start = StartInfo(arguments, dataEnvironment);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        var limit = timeout ?? TimeSpan.FromMinutes(3);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"microcircuit did not finish within {limit.TotalSeconds:F0} s");
        }
        return (process.ExitCode, output.Result, error.Result);
    }

    /// <summary>Starts the tool and returns at once; its output is read and dropped so it never blocks on a full pipe.</summary>
    public static Process Start(IEnumerable<string> arguments)
    {
        var process = Process.Start(StartInfo(arguments, null))!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static ProcessStartInfo StartInfo(IEnumerable<string> arguments, string? dataEnvironment)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "Microcircuit.Cli.dll");
        // Runs from a scratch folder, so default run directories (runs/…) never land in the repository or bin/.
        string workingDirectory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "microcircuit-cli-tests")).FullName;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workingDirectory };
        start.ArgumentList.Add(dll);
        foreach (var a in arguments) start.ArgumentList.Add(a);
        start.Environment.Remove("MICROCIRCUIT_DATA");
        if (dataEnvironment is not null) start.Environment["MICROCIRCUIT_DATA"] = dataEnvironment;
        return start;
    }
}
