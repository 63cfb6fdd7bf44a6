package org.mediamonitor.classifier;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediamonitor.model.Classification;
import org.mediamonitor.model.Label;

/**
 * The English sentence model of polarity toward a named target: one trained here on sentences written for
 * this test (learning, saving), and the built-in one on sentences written for this test (negation, contrast,
 * reported speech, a passing mention).
 */
class TargetPolarityTest {
    private static TargetPolarity written;
    private static final LexiconClassifier builtIn = new LexiconClassifier(ChineseSegmenter.shared());

    @BeforeAll
    static void train() {
        String[] people = {"Smith", "Jones", "Garcia", "Miller", "Brown", "Wilson", "Moore", "Taylor", "Clark", "Lewis"};
        List<LabelledItem> items = new ArrayList<>();
        for (int i = 0; i < people.length; i++) {
            String p = people[i];
            items.add(new LabelledItem("p" + i, "", "Voters praised " + p + " for an honest and brave campaign.", "en", p, "positive"));
            items.add(new LabelledItem("n" + i, "", "Critics accused " + p + " of lying and of a corrupt deal.", "en", p, "negative"));
            items.add(new LabelledItem("b" + i, "", p + " will travel to Ohio on Tuesday for a meeting.", "en", p, "neutral"));
        }
        written = TargetPolarity.train(ChineseSegmenter.shared(), items, line -> { });
    }

    private static Classification named(LexiconClassifier classifier, String sentence, String target) {
        return classifier.classify(new Classifier.Input("", sentence, "en", target));
    }

    @Test
    void learnsTheSidesOfItsTrainingSentences() {
        LexiconClassifier classifier = new LexiconClassifier(ChineseSegmenter.shared(), written);
        assertEquals(Label.POSITIVE, named(classifier, "Voters praised Harris for an honest and brave campaign.", "Harris").label());
        assertEquals(Label.NEGATIVE, named(classifier, "Critics accused Harris of lying and of a corrupt deal.", "Harris").label());
        assertEquals(Label.BALANCED, named(classifier, "Harris will travel to Ohio on Tuesday for a meeting.", "Harris").label());
        assertTrue(classifier.version().endsWith("+" + written.version()), classifier.version());
    }

    @Test
    void theConfidenceForANamedTargetIsTheModelsProbability() {
        LexiconClassifier classifier = new LexiconClassifier(ChineseSegmenter.shared(), written);
        Classification c = named(classifier, "Critics accused Harris of lying and of a corrupt deal.", "Harris");
        assertTrue(c.confidence() > 1.0 / 3 && c.confidence() < 1, "confidence " + c.confidence());
        Classification mixed = named(classifier, "Harris will travel to Ohio, critics said.", "Harris");
        assertTrue(mixed.confidence() < c.confidence(), mixed + " against " + c);
    }

    @Test
    void aSavedModelGivesTheSameAnswers(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("polarity.txt.gz");
        written.save(file);
        LexiconClassifier before = new LexiconClassifier(ChineseSegmenter.shared(), written);
        LexiconClassifier after = new LexiconClassifier(ChineseSegmenter.shared(), TargetPolarity.load(file));
        for (String s : List.of("Voters praised Harris, but critics accused her of lying.", "Harris met Jones in Ohio.")) {
            Classification a = named(before, s, "Harris"), b = named(after, s, "Harris");
            assertEquals(a.label(), b.label(), s);
            assertEquals(a.confidence(), b.confidence(), 0.002, s);
        }
    }

    @Test
    void aFileThatIsNoModelIsRefused(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("not-a-model.txt.gz");
        try (var out = new java.util.zip.GZIPOutputStream(java.nio.file.Files.newOutputStream(file))) {
            out.write("hello\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        assertThrows(java.io.IOException.class, () -> TargetPolarity.load(file));
    }

    @Test
    void theProductCarriesAModel() {
        assertNotNull(TargetPolarity.shipped(), "target-polarity.txt.gz is missing from the classifier's resources");
        assertTrue(builtIn.version().contains("+polarity"), builtIn.version());
    }

    @Test
    void praiseAndCriticismOfANamedPerson() {
        assertEquals(Label.POSITIVE, named(builtIn,
                "Colleagues praised Senator Okafor as a brilliant, honest and tireless champion of working families.", "Senator Okafor").label());
        assertEquals(Label.NEGATIVE, named(builtIn,
                "Prosecutors accused Mayor Lindqvist of fraud, bribery and lying to investigators.", "Mayor Lindqvist").label());
    }

    @Test
    void theClauseAfterButDecidesForANamedPerson() {
        Classification praisedLast = named(builtIn,
                "Critics called Mayor Lindqvist arrogant, but voters praised him as an honest and effective leader.", "Mayor Lindqvist");
        Classification criticisedLast = named(builtIn,
                "Voters praised Mayor Lindqvist as an honest leader, but critics called him arrogant, dishonest and incompetent.",
                "Mayor Lindqvist");
        assertEquals(Label.POSITIVE, praisedLast.label());
        assertEquals(Label.NEGATIVE, criticisedLast.label());
    }

    @Test
    void negationWeakensTheVerdict() {
        Classification corrupt = named(builtIn, "Mayor Lindqvist was corrupt, the inquiry found.", "Mayor Lindqvist");
        Classification notCorrupt = named(builtIn, "Mayor Lindqvist was not corrupt, the inquiry found.", "Mayor Lindqvist");
        assertEquals(Label.NEGATIVE, corrupt.label());
        assertTrue(notCorrupt.label() != Label.NEGATIVE || notCorrupt.confidence() < corrupt.confidence() - 0.25,
                notCorrupt + " against " + corrupt);
    }

    @Test
    void aFactualSentenceIsNeutral() {
        assertEquals(Label.BALANCED, named(builtIn,
                "Senator Okafor will hold a town hall meeting in Dayton on Thursday afternoon.", "Senator Okafor").label());
    }

    @Test
    void reportedSpeechIsAboutTheOneSpokenOf() {
        String praise = "Governor Pratt said Mayor Lindqvist had done a wonderful job and deserved great credit.";
        assertEquals(Label.POSITIVE, named(builtIn, praise, "Mayor Lindqvist").label());
        String accusation = "\"Mayor Lindqvist lied to this city for years,\" Governor Pratt told reporters.";
        assertEquals(Label.BALANCED, named(builtIn, accusation, "Governor Pratt").label());
    }

    @Test
    void theTargetOfTheItemIsReadByTheLexiconAlone() {
        // for the configured target the model is only the tone a trained label model reads: the verdict is the lexicon's
        Classifier.Input item = new Classifier.Input("Taiwan's pandemic response",
                "Experts praised Taiwan's early border controls, but they sharply criticised the government's slow vaccine rollout.",
                null, null);
        Classification withModel = builtIn.classify(item);
        Classification lexiconAlone = new LexiconClassifier(ChineseSegmenter.shared(), null).classify(item);
        assertEquals(Label.NEGATIVE, withModel.label());
        assertEquals(lexiconAlone.label(), withModel.label());
        assertEquals(lexiconAlone.confidence(), withModel.confidence());
        assertEquals(lexiconAlone.evidence(), withModel.evidence());
    }
}
