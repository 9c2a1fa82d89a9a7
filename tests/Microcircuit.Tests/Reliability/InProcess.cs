using System.Security.Cryptography;
using Microcircuit.Cli;

namespace Microcircuit.Tests.Reliability;

/// <summary>The tool run in this process, and what the reliability tests assert of its answers.</summary>
internal static class InProcess
{
    /// <summary>A run small enough to finish in a fraction of a second on the embedded digits.</summary>
    public static readonly string[] Tiny = ["--epochs", "1", "--hidden", "8", "--steps", "2", "--train-limit", "60", "--test-limit", "20", "--quiet"];

    /// <summary><see cref="Tiny"/> without its network: for tests that name their own.</summary>
    public static readonly string[] TinyAnyNetwork = ["--epochs", "1", "--steps", "2", "--train-limit", "60", "--test-limit", "20", "--quiet"];

    public static (int ExitCode, string Output, string Error) Run(params string[] arguments)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exit = CommandLine.Run(arguments, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>Refused with <paramref name="exitCode"/>: one line, "error: ", naming each of <paramref name="mentions"/>, no stack trace, no internal error.</summary>
    public static void AssertRefused((int ExitCode, string Output, string Error) r, int exitCode, params string[] mentions)
    {
        string message = r.Error.TrimEnd('\n', '\r');
        Assert.True(r.ExitCode == exitCode, $"exit {r.ExitCode}, expected {exitCode}; stderr: {message}; stdout: {r.Output}");
        Assert.StartsWith("error: ", message);
        Assert.DoesNotContain('\n', message);
        Assert.DoesNotContain("internal error", message);
        Assert.DoesNotContain("   at ", r.Error + r.Output);
        foreach (string mention in mentions) Assert.Contains(mention, message);
    }

    /// <summary>Every file under <paramref name="folder"/> (relative name → SHA-256 of its bytes).</summary>
    public static SortedDictionary<string, string> Snapshot(string folder) =>
        new(Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))), StringComparer.Ordinal);

    /// <summary>The snapshot, one line per file, for assertion messages.</summary>
    public static string Describe(SortedDictionary<string, string> snapshot) => string.Join("; ", snapshot.Select(p => $"{p.Key} {p.Value[..8]}"));
}
