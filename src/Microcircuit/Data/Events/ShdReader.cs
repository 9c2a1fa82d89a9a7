namespace Microcircuit.Data.Events;

/// <summary>Reads the Shd dataset into event streams (to be written).</summary>
internal static class ShdReader
{
    public static LabelledDataset Load(DatasetLookup lookup) => throw new NotImplementedException(lookup.Definition.Name);
}
