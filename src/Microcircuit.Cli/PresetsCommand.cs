using Microcircuit.Configuration;
using Spectre.Console;

namespace Microcircuit.Cli;

/// <summary>`microcircuit presets`: the experiment configs in presets/ and their key settings.</summary>
public static class PresetsCommand
{
    public static Command Create(TextWriter output)
    {
        var command = new Command("presets", "List the presets (use one with 'train --preset NAME') and their key settings.\n\nExample:\n  microcircuit presets");
        command.SetAction(_ =>
        {
            var library = PresetLibrary.Find();
            if (library.Folder is null)
            {
                output.WriteLine("no presets/ folder found; run from the repository or reinstall the tool.");
                return 0;
            }
            var table = new Table().AddColumns("preset", "dataset", "network", "T", "batch", "epochs", "optimizer", "lr");
            foreach (string name in library.Names)
            {
                var o = library.Load(name).Resolve();
                table.AddRow(name, o.Dataset, o.Net ?? string.Join('-', o.Hidden!), o.Steps!.Value.ToString(CultureInfo.InvariantCulture),
                    o.Batch.ToString(CultureInfo.InvariantCulture), o.Epochs!.Value.ToString(CultureInfo.InvariantCulture),
                    OptionWords.Word(o.Optimizer), o.LearningRate!.Value.ToString(CultureInfo.InvariantCulture));
            }
            Tables.Write(table, output);
            output.WriteLine($"from {library.Folder}");
            return 0;
        });
        return command;
    }
}
