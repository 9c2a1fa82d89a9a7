namespace Microcircuit.Reporting;

/// <summary>Breaks a long figure title into lines at its spaces, so a panel never clips it at the sides.</summary>
public static class FigureTitle
{
    /// <summary>Characters per line that a 700-pixel panel shows in full at ScottPlot's title font.</summary>
    public const int PanelWidth = 60;

    public static string Wrap(string title, int width = PanelWidth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        if (title.Length <= width) return title;
        var lines = new List<string>();
        var line = new System.Text.StringBuilder();
        foreach (string word in title.Split(' '))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                lines.Add(line.ToString());
                line.Clear();
            }
            if (line.Length > 0) line.Append(' ');
            line.Append(word);
        }
        lines.Add(line.ToString());
        return string.Join('\n', lines);
    }
}
