using Microcircuit.Cli;

return CommandLine.Run(args);
