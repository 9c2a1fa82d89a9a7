using System.Reflection;
using System.Runtime.InteropServices;

namespace Microcircuit.Storage;

/// <summary>
/// What made a run, so a figure can be traced to the build and machine behind it: the library's informational
/// version (with the commit it was built from), the .NET runtime, the operating system, the CPU model and the
/// processors the process saw, and when the run started and, once it has, ended (UTC). config.json and metrics.json
/// carry it under the key <c>provenance</c>.
/// </summary>
public sealed record Provenance(string Version, string Runtime, string OperatingSystem, string Cpu, int Cores, DateTimeOffset Started, DateTimeOffset? Ended)
{
    /// <summary>The build and machine of this process, for a run that started at <paramref name="started"/>.</summary>
    public static Provenance Of(DateTimeOffset started) => new(
        CodeVersion, $"{RuntimeInformation.FrameworkDescription} ({RuntimeInformation.RuntimeIdentifier})",
        RuntimeInformation.OSDescription, CpuModel(), Environment.ProcessorCount, started.ToUniversalTime(), null);

    /// <summary>The same provenance, marked as ended at <paramref name="ended"/>.</summary>
    public Provenance EndedAt(DateTimeOffset ended) => this with { Ended = ended.ToUniversalTime() };

    /// <summary>The library's informational version, e.g. 1.0.0+5480057cf28a… (the commit the build came from).</summary>
    public static string CodeVersion { get; } =
        typeof(Provenance).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(Provenance).Assembly.GetName().Version?.ToString() ?? "unknown";

    private static string CpuModel()
    {
        try
        {
            if (File.Exists("/proc/cpuinfo"))
                foreach (string line in File.ReadLines("/proc/cpuinfo"))
                    if (line.StartsWith("model name", StringComparison.Ordinal) && line.IndexOf(':') is int colon and >= 0)
                        return line[(colon + 1)..].Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No model name to be had: the architecture below still says something.
        }
        return RuntimeInformation.ProcessArchitecture.ToString();
    }
}
