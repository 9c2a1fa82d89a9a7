// Trains a spiking network on data made in memory, with a feedback wiring defined here, through Microcircuit's public API.
// Exit code 0 when the network learns (test accuracy ≥ 0.9), 1 otherwise: CI runs this program.
using InMemoryTraining;
using Microcircuit.Data;
using Microcircuit.Learning;
using Microcircuit.Learning.Feedback;
using Microcircuit.Randomness;
using Microcircuit.Training;

// 1. A dataset from arrays: 8×8 images of four classes, each class a bright quadrant on noise, as floats in [0, 1].
var random = SeededRandom.Derive(2026, 0);
(float[] Images, byte[] Labels) Make(int count)
{
    var images = new float[count * 64];
    var labels = new byte[count];
    for (int n = 0; n < count; n++)
    {
        int label = random.NextInt(4);
        labels[n] = (byte)label;
        for (int y = 0; y < 8; y++)
            for (int x = 0; x < 8; x++)
            {
                bool lit = y / 4 == label / 2 && x / 4 == label % 2;
                images[n * 64 + y * 8 + x] = (lit ? 0.6f : 0f) + 0.4f * random.NextFloat();
            }
    }
    return (images, labels);
}
var (trainImages, trainLabels) = Make(800);
var (testImages, testLabels) = Make(200);
var data = LabelledDataset.Create("quadrants", channels: 1, height: 8, width: 8, ["top left", "top right", "bottom left", "bottom right"],
    DatasetSplit.FromFloats(trainImages, trainLabels, 64), DatasetSplit.FromFloats(testImages, testLabels, 64));

// 2. A rule of one's own: the time-local feedback rule with the log-normal sign-concordant wiring above.
CreditAssignmentRules.RegisterFeedback("lognormal-sf", "sign-concordant feedback with fixed log-normal magnitudes",
    (layer, draws) => new LogNormalSignFeedback(layer.Weights.Length, FeedbackFan.Of(layer).XavierBound / 2f, draws));

// 3. Train it, then predict.
var options = new TrainingOptions { Rule = "lognormal-sf", Hidden = [100], Epochs = 5, Steps = 5, LearningRate = 2e-3f, Seed = 1 };
var experiment = new Experiment(options, data);
var result = new Trainer(experiment).Run();
int[] predicted = experiment.Predict(data.Test);
double accuracy = predicted.Where((p, i) => p == testLabels[i]).Count() / (double)predicted.Length;
Console.WriteLine($"{data.Name}: {experiment.Network.Shape} trained by {options.Rule} for {result.History.Count} epochs; test accuracy {accuracy:F4} (the trainer's own figure: {result.History[^1].TestAccuracy:F4})");
return accuracy >= 0.9 ? 0 : 1;
