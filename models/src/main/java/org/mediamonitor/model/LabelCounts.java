package org.mediamonitor.model;

/**
 * Numbers of items (or duplicate clusters) by label. {@code total} is positive + balanced + negative:
 * the relevant ones; {@code notRelevant} is counted beside it, so the ratio to all items can be given.
 */
public record LabelCounts(long total, long positive, long balanced, long negative, long notRelevant) {
    public static LabelCounts of(long positive, long balanced, long negative, long notRelevant) {
        return new LabelCounts(positive + balanced + negative, positive, balanced, negative, notRelevant);
    }
}
