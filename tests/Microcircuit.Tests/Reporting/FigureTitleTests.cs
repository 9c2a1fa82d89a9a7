using Microcircuit.Reporting;

namespace Microcircuit.Tests.Reporting;

public sealed class FigureTitleTests
{
    [Fact]
    public void A_short_title_stays_on_one_line()
    {
        Assert.Equal("Loss — digits 64-200-10, microcircuit, seed 1", FigureTitle.Wrap("Loss — digits 64-200-10, microcircuit, seed 1"));
    }

    [Fact]
    public void A_long_title_breaks_at_spaces_into_lines_no_wider_than_the_panel_and_keeps_every_word()
    {
        const string title = "Loss — cifar10 3×32×32-32C3p1-P2-64C3p1-P2-128C3p1-P2-256-10, microcircuit, seed 1";
        string wrapped = FigureTitle.Wrap(title, 40);
        string[] lines = wrapped.Split('\n');
        Assert.True(lines.Length >= 2);
        Assert.All(lines, line => Assert.True(line.Length <= 40 || !line.Contains(' '), line));
        Assert.Equal(title, string.Join(' ', lines));
    }

    [Fact]
    public void A_word_longer_than_the_panel_keeps_a_line_of_its_own()
    {
        Assert.Equal("a\nbbbbbbbbbb\nc", FigureTitle.Wrap("a bbbbbbbbbb c", 5));
    }
}
