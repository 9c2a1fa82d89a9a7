// The namespaces most of the tool's commands read: the command line, invariant number formats, and the library's
// checkpoints, errors, reports, files and training options.
global using System.CommandLine;
global using System.Globalization;
global using Microcircuit.Checkpoints;
global using Microcircuit.Errors;
global using Microcircuit.Reporting;
global using Microcircuit.Storage;
global using Microcircuit.Training;
