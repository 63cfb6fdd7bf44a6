package org.mediamonitor.classifier;

import java.util.Locale;

/**
 * One item with the label a person gave it: training and evaluation material for {@link TrainedClassifier}.
 * Labels are {@code positive}, {@code balanced}, {@code negative} or {@code not_relevant}.
 *
 * @param id     the item's id in its set
 * @param title  the headline, may be empty
 * @param text   the body
 * @param lang   {@code en}, {@code zh-Hant}, {@code zh-Hans}, or null to tell from the text
 * @param target the one entity the label is about (for per-target sets), or null for the configured target
 * @param label  the gold label, normalised by {@link #normalise(String)}
 */
public record LabelledItem(String id, String title, String text, String lang, String target, String label) {
    public static final String NOT_RELEVANT = "not_relevant";

    public LabelledItem {
        title = title == null ? "" : title;
        text = text == null ? "" : text;
        label = normalise(label);
    }

    /** The classifier's input for this item. */
    public Classifier.Input input() {
        return new Classifier.Input(title, text, lang, target);
    }

    /**
     * The label in this project's words: {@code neutral} counts as balanced (NewsMTSC, PhraseBank,
     * VADER), and the spellings of "not relevant" become {@value #NOT_RELEVANT}.
     *
     * @throws IllegalArgumentException for a label that has no meaning here
     */
    public static String normalise(String label) {
        if (label == null) throw new IllegalArgumentException("no label");
        String l = label.strip().toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        return switch (l) {
            case "positive", "pos", "1" -> "positive";
            case "negative", "neg", "0" -> "negative";
            case "balanced", "neutral", "neu" -> "balanced";
            case "not_relevant", "notrelevant", "irrelevant", "none" -> NOT_RELEVANT;
            default -> throw new IllegalArgumentException("unknown label '" + label + "'");
        };
    }
}
