using Microcircuit.Tests.Reliability;

namespace Microcircuit.Tests.Cli;

/// <summary>The tool's own words: its name in usage lines, unknown and missing commands, empty lists, impossible pools.</summary>
public sealed class CommandWordingTests
{
    [Theory]
    [InlineData()]
    [InlineData("train")]
    [InlineData("compare")]
    [InlineData("eval")]
    [InlineData("inspect")]
    [InlineData("plot")]
    [InlineData("datasets")]
    [InlineData("presets")]
    public void Usage_lines_name_the_tool_microcircuit(params string[] command)
    {
        var r = InProcess.Run([.. command, "--help"]);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains($"microcircuit {string.Join(' ', command)}".TrimEnd(), r.Output);
        Assert.DoesNotContain("Microcircuit.Cli", r.Output);
    }

    [Fact]
    public void An_unknown_command_is_named_as_one_with_the_list_of_commands()
    {
        var r = InProcess.Run("frobnicate");
        InProcess.AssertRefused(r, 2, "unknown command 'frobnicate'", "train, compare, eval");
    }

    [Fact]
    public void No_command_at_all_lists_the_commands()
    {
        var r = InProcess.Run();
        InProcess.AssertRefused(r, 2, "no command given", "train, compare, eval");
    }

    [Theory]
    [InlineData("")]
    [InlineData(",")]
    [InlineData(" , ")]
    public void Compare_with_no_rule_is_one_line(string rules)
    {
        var r = InProcess.Run("compare", "--rules", rules, "--epochs", "1");
        InProcess.AssertRefused(r, 2, "--rules", "e.g. --rules");
    }

    [Theory]
    [InlineData("8C5-P32-10")]
    [InlineData("8C3-P2-P2-P2-10")]
    [InlineData("8C9-10")]
    [InlineData("8C3-P2-16C5-10")]
    public void A_network_that_leaves_no_pixels_is_refused_with_a_suggestion_that_trains(string net)
    {
        var r = InProcess.Run(["train", "--net", net, .. InProcess.TinyAnyNetwork]);
        InProcess.AssertRefused(r, 2, $"--net '{net}'", "leaves no pixels", "e.g. --net ");
        string suggested = r.Error.TrimEnd().TrimEnd('.')[(r.Error.LastIndexOf("e.g. --net ", StringComparison.Ordinal) + "e.g. --net ".Length)..];
        var retried = InProcess.Run(["train", "--net", suggested, .. InProcess.TinyAnyNetwork]);
        Assert.True(retried.ExitCode == 0, $"the suggested --net {suggested} did not train: {retried.Error}");
    }
}
