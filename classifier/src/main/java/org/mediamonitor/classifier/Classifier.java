package org.mediamonitor.classifier;

import org.mediamonitor.model.Classification;

/**
 * Decides whether an item is about the target and, if so, labels it positive, balanced or negative
 * toward it with the evidence (LABELS.md). Implementations are safe to share between threads.
 */
public interface Classifier {

    /**
     * The text to judge.
     *
     * @param title    the headline, may be empty
     * @param text     the body, paragraphs separated by {@code \n}
     * @param language {@code en}, {@code zh-Hant}, {@code zh-Hans}, or null to tell from the text
     * @param target   one named entity that replaces the configured target for this item, or null
     */
    record Input(String title, String text, String language, String target) {
        public Input {
            title = title == null ? "" : title;
            text = text == null ? "" : text;
        }
    }

    Classification classify(Input input);

    /**
     * Confidence below which a model's verdict goes to the staff's review queue: the level at which a verdict is
     * trusted without review. Confidences are measured as probabilities by {@code monitor eval sentiment} (of the
     * verdicts at 0.8 or more, at least 80 % right, for the lexicon and for {@link TrainedClassifier}).
     */
    double REVIEW_BELOW = 0.8;

    /** True when a person should look at this verdict: a model gave it with less than {@code threshold} confidence. */
    static boolean needsReview(Classification classification, double threshold) {
        return !classification.byStaff() && classification.confidence() < threshold;
    }

    /** Name and version of the model, as recorded in {@code decidedBy} ({@code model:...}). */
    String version();
}
