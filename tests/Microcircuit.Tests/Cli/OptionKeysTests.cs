using Microcircuit.Cli;
using Microcircuit.Configuration;

namespace Microcircuit.Tests.Cli;

public sealed class OptionKeysTests
{
    [Fact]
    public void Every_train_option_sets_a_config_key_or_says_how_to_run()
    {
        var train = TrainCommand.Create(TextWriter.Null);
        foreach (var option in train.Options)
            Assert.True(OptionKeys.ByOption.ContainsKey(option.Name) || OptionKeys.RunOnly.Contains(option.Name), $"{option.Name} maps to no config key");
        foreach (var (option, key) in OptionKeys.ByOption)
            Assert.True(ConfigFile.Keys.Contains(key), $"{option} maps to '{key}', which is not a config key");
    }
}
