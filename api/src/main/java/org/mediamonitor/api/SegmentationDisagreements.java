package org.mediamonitor.api;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Sorts a segmenter's differences from a corpus's gold into the kinds that tell a wrong word from a
 * different standard. A <em>stretch</em> is the shortest run of characters where the gold's word
 * boundaries and the segmenter's both begin and end and the words differ; within it no word is right.
 * <ul>
 * <li>{@link Kind#OTHER_STANDARD}: the segmenter split one gold word, or joined gold words into one, and
 * each of its words there is a word of another corpus's standard (its training word list): 计划 经济
 * where CityU writes 計劃經濟, 1944年 where CityU writes 1944 年;
 * <li>{@link Kind#UNATTESTED}: a split or join that no other standard's word list bears out (a name
 * glued to the next word, 葉澍堃昨; or a word no list happens to hold);
 * <li>{@link Kind#CROSSING}: the boundaries cross (对接 连 for 对 接连), wrong under any standard.
 * </ul>
 * From these it gives the F the segmenter would reach if every stretch of some kinds were right, which
 * bounds what correcting real errors can gain without adopting the corpus's own standard.
 */
final class SegmentationDisagreements {
    enum Kind { OTHER_STANDARD, UNATTESTED, CROSSING }

    private final Predicate<String> otherStandard;
    private final long[] stretches = new long[Kind.values().length];
    /** Gold words and segmenter's words inside the stretches of each kind. */
    private final long[] goldWords = new long[Kind.values().length], predictedWords = new long[Kind.values().length];
    /** The measure over every sentence added, stretches or not. */
    private final SegmentationScore totals = new SegmentationScore();
    private long skippedLines;

    /** @param otherStandard whether a word (as the segmenter wrote it) is a word of another corpus's standard */
    SegmentationDisagreements(Predicate<String> otherStandard) {
        this.otherStandard = otherStandard;
    }

    /** Adds one sentence; one whose gold and input differ in characters is counted only in the totals. */
    void add(List<String> goldSentence, List<String> predictedSentence) {
        totals.add(goldSentence, predictedSentence, Set.of());
        if (!String.join("", goldSentence).equals(String.join("", predictedSentence))) {
            skippedLines++;
            return;
        }
        int g = 0, p = 0, goldEnd = 0, predictedEnd = 0;
        while (g < goldSentence.size() && p < predictedSentence.size()) {
            int firstGold = g, firstPredicted = p;
            goldEnd += goldSentence.get(g++).length();
            predictedEnd += predictedSentence.get(p++).length();
            while (goldEnd != predictedEnd) {
                if (goldEnd < predictedEnd) goldEnd += goldSentence.get(g++).length();
                else predictedEnd += predictedSentence.get(p++).length();
            }
            int goldCount = g - firstGold, predictedCount = p - firstPredicted;
            if (goldCount == 1 && predictedCount == 1) continue;
            Kind kind;
            if (goldCount > 1 && predictedCount > 1) {
                kind = Kind.CROSSING;
            } else {
                kind = Kind.OTHER_STANDARD;
                for (String word : predictedSentence.subList(firstPredicted, p)) {
                    if (!otherStandard.test(word)) kind = Kind.UNATTESTED;
                }
            }
            stretches[kind.ordinal()]++;
            goldWords[kind.ordinal()] += goldCount;
            predictedWords[kind.ordinal()] += predictedCount;
        }
    }

    long stretches(Kind kind) {
        return stretches[kind.ordinal()];
    }

    /** Sentences whose gold differs from the input in characters: in the totals, not sorted into stretches. */
    long skippedLines() {
        return skippedLines;
    }

    /** F as measured. */
    double f() {
        return totals.f();
    }

    /** F if every stretch of the given kinds were segmented as the gold has it. */
    double fIfRight(Set<Kind> kinds) {
        long right = totals.correct(), words = totals.predicted();
        for (Kind kind : kinds) {
            right += goldWords[kind.ordinal()];
            words += goldWords[kind.ordinal()] - predictedWords[kind.ordinal()];
        }
        return SegmentationScore.f(right, words, totals.gold());
    }
}
