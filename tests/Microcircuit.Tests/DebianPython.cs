using System.Diagnostics;

namespace Microcircuit.Tests;

/// <summary>Debian's Python (with its python3-numpy and python3-h5py), the independent reader some tests check our files with.</summary>
internal static class DebianPython
{
    public const string Path = "/usr/bin/python3";

    /// <summary>Skips the test, naming the Debian packages, unless <see cref="Path"/> imports every one of <paramref name="modules"/>.</summary>
    public static void RequireOrSkip(params string[] modules)
    {
        string import = "import " + string.Join(", ", modules);
        if (File.Exists(Path) && Process.Start(new ProcessStartInfo(Path) { ArgumentList = { "-c", import }, RedirectStandardError = true }) is { } probe
            && probe.WaitForExit(60_000) && probe.ExitCode == 0)
            return;
        Assert.Skip($"no {Path} with {string.Join(" and ", modules)} here (Debian: apt-get install {string.Join(' ', modules.Select(m => "python3-" + m))}); .ci/run installs them");
    }
}
