package org.mediamonitor.model;

import java.util.List;

/**
 * One sentence that weighed in a label, with the words in it that decided its polarity.
 *
 * @param text     the sentence as it stands in the item
 * @param polarity {@code positive}, {@code negative} or {@code neutral} toward the target
 * @param score    signed strength after negation, degree, contrast and position weights
 * @param words    the lexicon words (as written in the item) that gave the score
 * @param start    offset of the sentence in the item's title + "\n" + text, in chars
 */
public record Evidence(String text, String polarity, double score, List<String> words, int start) {
    public Evidence {
        words = words == null ? List.of() : List.copyOf(words);
    }
}
