using BenchmarkDotNet.Running;
using Microcircuit.Benchmarks;

if (args.Length > 0 && args[0] == "ratio")
{
    return RatioTable.Run(args);
}

if (args.Length > 0 && args[0] == "conv")
{
    return ConvolutionSpeed.Run(args);
}

if (args.Length > 0 && args[0] == "conv-threads")
{
    return ConvolutionThreads.Run(args);
}

if (args.Length > 0 && args[0] == "spike-conv")
{
    return SpikeConvolutionSpeed.Run(args);
}

if (args.Length > 0 && args[0] == "steps")
{
    return StepProfile.Run(args);
}

BenchmarkSwitcher.FromAssembly(typeof(GemmVersusOpenBlas).Assembly).Run(args);
return 0;
