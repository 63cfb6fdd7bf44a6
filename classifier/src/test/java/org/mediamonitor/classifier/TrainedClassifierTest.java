package org.mediamonitor.classifier;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediamonitor.model.Classification;
import org.mediamonitor.model.Label;

/** Trains on items written for this test and checks what the model learnt, and that it survives saving. */
class TrainedClassifierTest {
    private static TrainedClassifier model;

    @BeforeAll
    static void train() {
        List<LabelledItem> items = new ArrayList<>();
        String[] supporters = {"Senators", "The European Parliament", "Japan's foreign minister", "Canadian lawmakers", "Czech officials",
                "An editorial board", "Visiting legislators", "The G7 ministers"};
        String[] critics = {"Beijing", "China's foreign ministry", "State media", "The Taiwan Affairs Office", "A PLA spokesman",
                "Chinese officials", "The People's Daily", "Xinhua"};
        String[] things = {"visit", "trade talks", "election", "budget", "new law", "summit", "arms purchase", "health policy"};
        for (int i = 0; i < supporters.length; i++) {
            items.add(new LabelledItem("p" + i, supporters[i] + " back Taiwan",
                    supporters[i] + " praised Taiwan's " + things[i] + " and pledged firm support for Taipei.", "en", null, "positive"));
            items.add(new LabelledItem("n" + i, critics[i] + " attacks Taiwan",
                    critics[i] + " condemned Taipei's " + things[i] + " as a reckless provocation and warned Taiwan's government.", "en", null, "negative"));
            items.add(new LabelledItem("b" + i, "Taiwan announces " + things[i],
                    "Taiwan's cabinet announced the " + things[i] + " on Monday. Officials said details would follow next week.", "en", null, "balanced"));
            items.add(new LabelledItem("r" + i, "Markets close higher",
                    "Shares of chip makers rose on Monday. A supplier with plants in Taiwan reported higher sales.", "en", null, "not_relevant"));
        }
        model = TrainedClassifier.train(ChineseSegmenter.shared(), items, line -> { });
    }

    @Test
    void learnsTheLabelsOfItsTrainingKinds() {
        Classification praise = model.classify(new Classifier.Input("Australian lawmakers back Taiwan",
                "Australian lawmakers praised Taiwan's democracy and pledged firm support for Taipei.", "en", null));
        Classification attack = model.classify(new Classifier.Input("Global Times attacks Taiwan",
                "The Global Times condemned Taipei's referendum as a reckless provocation.", "en", null));
        Classification passing = model.classify(new Classifier.Input("Markets close lower",
                "Shares of phone makers fell on Tuesday. A supplier with factories in Taiwan cut its forecast.", "en", null));
        assertEquals(Label.POSITIVE, praise.label());
        assertEquals(Label.NEGATIVE, attack.label());
        assertFalse(passing.relevant());
        assertFalse(praise.evidence().isEmpty(), "the lexicon's evidence comes with the model's label");
        assertTrue(praise.decidedBy().startsWith("model:linear"));
    }

    @Test
    void confidenceIsTheProbabilityOfTheLabel() {
        Classifier.Input input = new Classifier.Input("Taiwan announces tariffs",
                "Taiwan's cabinet announced new tariffs on Monday. Officials said details would follow.", "en", null);
        Map<String, Double> p = model.probabilities(input);
        assertEquals(1.0, p.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-6);
        Classification c = model.classify(input);
        String label = c.relevant() ? c.label().name().toLowerCase() : LabelledItem.NOT_RELEVANT;
        assertEquals(p.get(label), c.confidence(), 1e-3);
        assertEquals(p.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow(), c.confidence(), 1e-3);
    }

    @Test
    void aSavedModelGivesTheSameAnswers(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("model.txt.gz");
        model.save(file);
        TrainedClassifier loaded = TrainedClassifier.load(ChineseSegmenter.shared(), file);
        Classifier.Input input = new Classifier.Input("", "Xinhua condemned Taipei's election as a provocation.", "en", null);
        assertEquals(model.labels(), loaded.labels());
        Map<String, Double> before = model.probabilities(input), after = loaded.probabilities(input);
        for (String label : model.labels()) assertEquals(before.get(label), after.get(label), 1e-9);
    }

    @Test
    void lowConfidenceGoesToReviewButStaffLabelsNever() {
        Classification unsure = new Classification(true, Label.BALANCED, 0.41, List.of(), "model:x", java.time.Instant.now());
        Classification staff = new Classification(true, Label.BALANCED, 0.41, List.of(), "staff:lin", java.time.Instant.now());
        assertTrue(Classifier.needsReview(unsure, Classifier.REVIEW_BELOW));
        assertFalse(Classifier.needsReview(staff, Classifier.REVIEW_BELOW));
    }

    @Test
    void labelsOfTheSetsAreReadInThisProjectsWords() {
        assertEquals("balanced", LabelledItem.normalise("neutral"));
        assertEquals(LabelledItem.NOT_RELEVANT, LabelledItem.normalise("Not relevant"));
        assertThrows(IllegalArgumentException.class, () -> LabelledItem.normalise("sarcastic"));
    }
}
