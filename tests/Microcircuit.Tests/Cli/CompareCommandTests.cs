using System.Text.Json;
using Microcircuit.Tests.Data;

namespace Microcircuit.Tests.Cli;

public sealed class CompareCommandTests
{
    [Fact]
    public void Compare_on_the_digits_writes_a_summary_per_rule()
    {
        using var folder = new ScratchFolder();
        var r = ToolProcess.Run(["compare", "--rules", "microcircuit,frsf,fa,bptt", "--seeds", "2", "--epochs", "3", "--hidden", "48",
            "--alignment", "5", "--out", folder.Path]);
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains("microcircuit", r.Output);

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder.Path, "comparison.json")));
        var rules = json.RootElement.GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(["microcircuit", "frsf", "fa", "bptt"], rules.Select(x => x.GetProperty("rule").GetString()));
        foreach (var rule in rules)
        {
            Assert.InRange(rule.GetProperty("test_accuracy_mean").GetDouble(), 0.3, 1.0);
            Assert.True(rule.GetProperty("test_accuracy_std").GetDouble() >= 0);
            Assert.Equal([1UL, 2UL], rule.GetProperty("seeds").EnumerateArray().Select(s => s.GetUInt64()));
            Assert.True(rule.GetProperty("samples_per_second").GetDouble() > 0);
            Assert.Equal(2, rule.GetProperty("alignment_deg").GetArrayLength());
        }
        // Same seeds, same forward pass: the graded microcircuit and frSF agree to the bit, so their accuracies match.
        Assert.Equal(rules[0].GetProperty("test_accuracy_mean").GetDouble(), rules[1].GetProperty("test_accuracy_mean").GetDouble());
        Assert.True(rules[3].GetProperty("alignment_deg")[0].GetDouble() < 0.01);   // bptt against itself

        Assert.True(new FileInfo(Path.Combine(folder.Path, "comparison.png")).Length > 10_000, "comparison.png missing or empty");
        var csv = File.ReadAllLines(Path.Combine(folder.Path, "comparison.csv"));
        Assert.Equal(1 + 4 * 2 * 3, csv.Length);
    }

    [Fact]
    public void An_unknown_rule_is_one_line_and_exit_code_2()
    {
        var r = ToolProcess.Run(["compare", "--rules", "microcircuit,backprop"]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("backprop", r.Error);
        Assert.Single(r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void An_unwritable_output_folder_fails_before_any_training()
    {
        using var folder = new ScratchFolder();
        string file = Path.Combine(folder.Path, "a-file");
        File.WriteAllText(file, "");
        var r = ToolProcess.Run(["compare", "--epochs", "50", "--out", Path.Combine(file, "out")]);
        Assert.Equal(7, r.ExitCode);
        Assert.Contains("--out", r.Error);
        Assert.DoesNotContain("epoch", r.Output);
    }
}
