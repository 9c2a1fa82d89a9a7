namespace Microcircuit.Cli;

/// <summary>How much the tool prints: progress bars and tables, only the result, or JSON.</summary>
public enum OutputMode
{
    Normal,
    Quiet,
    Json,
}
