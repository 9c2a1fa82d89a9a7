using System.Text.RegularExpressions;

namespace Microcircuit.Tests.Architecture;

/// <summary>
/// Every number of a step is computed behind <c>IComputeBackend</c>: outside <c>src/Microcircuit/Compute/</c> no file
/// touches SIMD vectors, <c>TensorPrimitives</c> or one of the CPU back end's kernel classes. With
/// <see cref="CountingBackendTests"/> (every step's work shows up as calls on the interface, with the same bits) this is
/// what lets another back end take over a step.
/// </summary>
public sealed partial class BackendBoundaryTests
{
    [Fact]
    public void Nothing_outside_the_back_end_touches_simd_or_a_kernel()
    {
        if (SourceTree.Root is null) Assert.Skip("the sources are not beside this build");
        string compute = Path.Combine("Microcircuit", "Compute") + Path.DirectorySeparatorChar;
        var kernels = KernelClasses();
        Assert.True(kernels.Count >= 10, $"the scan found too few kernel classes ({kernels.Count}); the scan is broken");
        var offenders = new List<string>();
        foreach (string project in new[] { "Microcircuit", "Microcircuit.Interop", "Microcircuit.Cli" })
            foreach (string file in SourceTree.Files(project))
            {
                if (file.Contains(compute, StringComparison.Ordinal)) continue;
                string text = Comment().Replace(File.ReadAllText(file), "");
                foreach (Match m in Simd().Matches(text)) offenders.Add($"{Path.GetFileName(file)}: {m.Value}");
                foreach (string kernel in kernels)
                    if (Regex.IsMatch(text, @"(?<![\w.])" + kernel + @"\s*\.")) offenders.Add($"{Path.GetFileName(file)}: {kernel}");
            }
        Assert.True(offenders.Count == 0, "SIMD or kernel classes outside Compute/ (call the back end instead):\n" + string.Join('\n', offenders));
    }

    /// <summary>
    /// A step computes on the network's back end, never on one it names itself: outside Compute/ (where
    /// <c>ComputeBackends</c> makes one from the options' name) the CPU back end is named only as the network's default.
    /// </summary>
    [Fact]
    public void Only_the_networks_default_names_the_cpu_back_end()
    {
        if (SourceTree.Root is null) Assert.Skip("the sources are not beside this build");
        string compute = Path.Combine("Microcircuit", "Compute") + Path.DirectorySeparatorChar;
        var offenders = new List<string>();
        foreach (string project in new[] { "Microcircuit", "Microcircuit.Interop" })
            foreach (string file in SourceTree.Files(project))
            {
                if (file.Contains(compute, StringComparison.Ordinal)) continue;
                string name = Path.GetFileName(file);
                foreach (var (line, number) in File.ReadLines(file).Select((l, i) => (l, i + 1)))
                {
                    if (!line.Contains("CpuBackend", StringComparison.Ordinal) || line.TrimStart().StartsWith("using ", StringComparison.Ordinal)) continue;
                    bool fallback = name == "SpikingNetwork.cs" && line.Contains("private IComputeBackend _compute = CpuBackend.Serial;", StringComparison.Ordinal);
                    if (!fallback) offenders.Add($"{name}:{number}: {line.Trim()}");
                }
            }
        Assert.True(offenders.Count == 0, "the CPU back end named where the network's back end should be used:\n" + string.Join('\n', offenders));
    }

    /// <summary>The static classes of the CPU back end (its kernels), read from its folder.</summary>
    private static HashSet<string> KernelClasses()
    {
        var names = new HashSet<string>();
        string folder = Path.Combine(SourceTree.Root!, "src", "Microcircuit", "Compute", "Cpu");
        foreach (string file in Directory.EnumerateFiles(folder, "*.cs"))
            foreach (Match m in StaticClass().Matches(File.ReadAllText(file))) names.Add(m.Groups[1].Value);
        return names;
    }

    [GeneratedRegex(@"//[^\n]*")]
    private static partial Regex Comment();

    [GeneratedRegex(@"\b(Vector(64|128|256|512)\b|Vector(64|128|256|512)<|TensorPrimitives|System\.Runtime\.Intrinsics)")]
    private static partial Regex Simd();

    [GeneratedRegex(@"static\s+(?:unsafe\s+)?(?:partial\s+)?class\s+(\w+)")]
    private static partial Regex StaticClass();
}
