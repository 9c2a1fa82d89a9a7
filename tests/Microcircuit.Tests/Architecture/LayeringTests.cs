using System.Text.RegularExpressions;

namespace Microcircuit.Tests.Architecture;

/// <summary>
/// The library's folders tell the truth about its dependencies: its namespaces depend one way (no cycle), and it names
/// options by config key, never by the command line's flags (the tool maps keys to flags).
/// </summary>
public sealed partial class LayeringTests
{
    /// <summary>Namespace (second level, e.g. Microcircuit.Learning) → the namespaces it refers to, with the files that do.</summary>
    private static Dictionary<string, Dictionary<string, SortedSet<string>>> Dependencies()
    {
        var files = SourceTree.Files("Microcircuit").Select(f => (Path: f, Text: Comment().Replace(File.ReadAllText(f), ""))).ToArray();
        string Top(string ns) => string.Join('.', ns.Split('.').Take(2));
        var owner = files.ToDictionary(f => f.Path, f => Top(Namespace().Match(f.Text).Groups[1].Value));
        var names = owner.Values.Where(n => n.Contains('.')).ToHashSet();
        var graph = new Dictionary<string, Dictionary<string, SortedSet<string>>>();
        foreach (var (path, text) in files)
        {
            var used = new HashSet<string>();
            foreach (Match m in Using().Matches(text)) used.Add(m.Groups[1].Value);
            foreach (Match m in Qualified().Matches(text)) used.Add("Microcircuit." + m.Groups[1].Value);
            foreach (string name in names)
                if (Regex.IsMatch(text, @"(?<![\w.])" + name.Split('.')[1] + @"\.[A-Z]\w*")) used.Add(name);
            foreach (string target in used.Where(n => names.Contains(n) && n != owner[path]))
            {
                var edges = graph.TryGetValue(owner[path], out var e) ? e : graph[owner[path]] = [];
                (edges.TryGetValue(target, out var f) ? f : edges[target] = []).Add(Path.GetFileName(path));
            }
        }
        return graph;
    }

    [Fact]
    public void No_namespace_depends_on_one_that_depends_back_on_it()
    {
        if (SourceTree.Root is null) Assert.Skip("the sources are not beside this build");
        var graph = Dependencies();
        Assert.True(graph.Count >= 8, $"the scan found too few namespaces ({graph.Count}); the scan is broken");
        // Reachability: a namespace that reaches itself lies on a cycle.
        var cycles = new List<string>();
        foreach (string start in graph.Keys)
        {
            var seen = new HashSet<string>();
            var stack = new Stack<string>(graph[start].Keys);
            while (stack.Count > 0)
            {
                string n = stack.Pop();
                if (n == start)
                {
                    cycles.Add(start + " → " + string.Join(", ", graph[start].Select(e => $"{e.Key} ({string.Join(' ', e.Value)})")));
                    break;
                }
                if (seen.Add(n) && graph.TryGetValue(n, out var next)) foreach (string m in next.Keys) stack.Push(m);
            }
        }
        Assert.True(cycles.Count == 0, "namespaces on a cycle:\n" + string.Join('\n', cycles));
    }

    [Fact]
    public void The_library_names_options_by_key_and_never_by_flag()
    {
        if (SourceTree.Root is null) Assert.Skip("the sources are not beside this build");
        var flags = new List<string>();
        foreach (string project in new[] { "Microcircuit", "Microcircuit.Interop" })
            foreach (string file in SourceTree.Files(project))
                foreach (var (line, number) in File.ReadLines(file).Select((l, i) => (l, i + 1)))
                {
                    if (line.TrimStart().StartsWith("//", StringComparison.Ordinal)) continue;
                    foreach (Match literal in StringLiteral().Matches(line))
                        if (Flag().IsMatch(literal.Value) && !literal.Value.Contains("apt-get", StringComparison.Ordinal) && !literal.Value.Contains("dotnet run", StringComparison.Ordinal))
                            flags.Add($"{Path.GetFileName(file)}:{number}: {literal.Value}");
                }
        Assert.True(flags.Count == 0, "command-line flags in library text (write {key}, the tool renders its flag):\n" + string.Join('\n', flags));
    }

    [GeneratedRegex(@"//[^\n]*")]
    private static partial Regex Comment();

    [GeneratedRegex(@"^namespace\s+([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex Namespace();

    [GeneratedRegex(@"\busing\s+(Microcircuit\.\w+)")]
    private static partial Regex Using();

    [GeneratedRegex(@"\bMicrocircuit\.(\w+)\.")]
    private static partial Regex Qualified();

    [GeneratedRegex(@"\$?""(?:[^""\\]|\\.)*""")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"(?<![\w-])--[a-z][a-z-]+")]
    private static partial Regex Flag();
}
