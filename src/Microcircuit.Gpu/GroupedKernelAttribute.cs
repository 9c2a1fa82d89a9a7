namespace Microcircuit.Gpu;

/// <summary>Marks a kernel written for explicit groups (shared memory and barriers): it is launched with a grid and a group size, not an index.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class GroupedKernelAttribute : Attribute;
