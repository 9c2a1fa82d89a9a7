using Microcircuit.Data;
using Spectre.Console;

namespace Microcircuit.Cli;

/// <summary>`microcircuit datasets`: every dataset the tool knows, where it was found, whether it verified, how to get it.</summary>
public static class DatasetsCommand
{
    public static Command Create(TextWriter output)
    {
        var dataDir = new Option<string?>("--data-dir") { Description = "Folder to search first (then $MICROCIRCUIT_DATA and system folders)" };
        var fast = new Option<bool>("--no-verify") { Description = "Do not read the files to check their SHA-256 (faster)" };
        var command = new Command("datasets", "List the datasets: where each was found, whether its checksums match, how to get it.\n\nExample:\n  microcircuit datasets --data-dir ../shared/datasets") { dataDir, fast };
        command.SetAction(parse =>
        {
            var statuses = DatasetCatalogue.Describe(parse.GetValue(dataDir), verify: !parse.GetValue(fast));
            var table = new Table().AddColumns("dataset", "found in", "verification", "how to get it");
            foreach (var s in statuses)
            {
                string verification = s.Verification switch
                {
                    DatasetVerification.Official => "[green]verified[/]",
                    DatasetVerification.KnownVariant => "[yellow]known variant[/]",
                    DatasetVerification.Mismatch => "[red]mismatch[/]",
                    _ => "[grey]not checked[/]",
                };
                table.AddRow(new Markup(Markup.Escape(s.Name)), new Markup(Markup.Escape(s.FoundIn ?? "not found")),
                    new Markup($"{verification}\n[grey]{Markup.Escape(Errors.OptionTemplate.Fill(s.Detail, OptionKeys.FlagOf))}[/]"), new Markup(Markup.Escape(Errors.OptionTemplate.Fill(s.HowToGet, OptionKeys.FlagOf))));
            }
            Tables.Write(table, output);
            return 0;
        });
        return command;
    }
}
