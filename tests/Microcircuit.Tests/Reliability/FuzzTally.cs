using Microcircuit.Errors;

namespace Microcircuit.Tests.Reliability;

/// <summary>
/// Runs fuzz cases and counts their outcomes: loaded, a <see cref="MicrocircuitException"/> by kind, or any other
/// exception. A case fails when it loads a file the oracle calls invalid, rejects one it calls valid, throws anything
/// but a MicrocircuitException, or gives a message that is not one line naming the file.
/// </summary>
internal sealed class FuzzTally(string title)
{
    private readonly SortedDictionary<string, int> _outcomes = new(StringComparer.Ordinal);
    private readonly List<string> _failures = [];

    public int Cases { get; private set; }

    public int Failures => _failures.Count;

    public int Count(string outcome) => _outcomes.GetValueOrDefault(outcome);

    /// <param name="name">The case, enough to reproduce it (seed, index, corruption).</param>
    /// <param name="valid">Whether the damaged file is still valid (must load), invalid (must fail), or null (either).</param>
    /// <param name="path">The file the error message must name.</param>
    /// <param name="load">Reads the file.</param>
    /// <param name="kinds">The error kinds allowed.</param>
    public void Check(string name, bool? valid, string path, Action load, params ErrorKind[] kinds)
    {
        Cases++;
        try
        {
            load();
            Add("loaded");
            if (valid == false) _failures.Add($"{name}: loaded although the damage left it invalid");
        }
        catch (MicrocircuitException e)
        {
            Add($"MicrocircuitException {e.Kind}");
            if (valid == true) _failures.Add($"{name}: rejected a valid file: {e.Message}");
            if (!kinds.Contains(e.Kind)) _failures.Add($"{name}: error of kind {e.Kind}, expected {string.Join(" or ", kinds)}: {e.Message}");
            if (e.Message.Contains('\n') || e.Message.Contains('\r')) _failures.Add($"{name}: message is not one line: {e.Message}");
            if (!e.Message.Contains(path, StringComparison.Ordinal)) _failures.Add($"{name}: message does not name {path}: {e.Message}");
        }
#pragma warning disable CA1031 // The point of the fuzz test is to catch every other exception type.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Add("other exception");
            _failures.Add($"{name}: {e.GetType().FullName}: {e.Message}\n{e.StackTrace}");
        }
    }

    /// <summary>One line per outcome, for the test output and docs/reliability.md.</summary>
    public string Report()
    {
        var lines = new List<string> { $"{title}: {Cases} cases" };
        lines.AddRange(_outcomes.Select(o => $"  {o.Key}: {o.Value}"));
        lines.Add($"  other exceptions: {Count("other exception")}");
        lines.Add($"  failed checks: {_failures.Count}");
        return string.Join('\n', lines);
    }

    /// <summary>Writes the report and fails with the first problems found.</summary>
    public void AssertClean(int minimumCases)
    {
        TestContext.Current.TestOutputHelper?.WriteLine(Report());
        Assert.True(_failures.Count == 0, $"{_failures.Count} failed checks, first ones:\n" + string.Join("\n", _failures.Take(5)));
        Assert.True(Cases >= minimumCases, $"only {Cases} cases ran, expected at least {minimumCases}");
    }

    private void Add(string outcome) => _outcomes[outcome] = _outcomes.GetValueOrDefault(outcome) + 1;
}
