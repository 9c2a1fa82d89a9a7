namespace Microcircuit.Data.Events;

/// <summary>Reads the Nmnist dataset into event streams (to be written).</summary>
internal static class NmnistReader
{
    public static LabelledDataset Load(DatasetLookup lookup) => throw new NotImplementedException(lookup.Definition.Name);
}
