package org.mediamonitor.api;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The SIGHAN bakeoff's word-segmentation measure, summed over sentences: a predicted word is correct
 * when its character span equals a gold word's. When the input and the gold differ in characters (a
 * quotation mark moved to the next line), the two are aligned character by character first.
 */
final class SegmentationScore {
    private long gold, predicted, correct, oov, oovCorrect;

    void add(List<String> goldWords, List<String> predictedWords, Set<String> vocabulary) {
        String goldChars = String.join("", goldWords);
        String predictedChars = String.join("", predictedWords);
        int[] toGold = align(predictedChars, goldChars);
        Set<Long> predictedSpans = new HashSet<>();
        int pos = 0;
        for (String w : predictedWords) {
            int start = toGold[pos], end = pos + w.length() - 1 < toGold.length ? toGold[pos + w.length() - 1] : -1;
            if (start >= 0 && end >= 0) predictedSpans.add(((long) start << 32) | (end + 1));
            pos += w.length();
        }
        predicted += predictedWords.size();
        gold += goldWords.size();
        pos = 0;
        for (String w : goldWords) {
            boolean inVocabulary = vocabulary.contains(w);
            boolean right = predictedSpans.contains(((long) pos << 32) | (pos + w.length()));
            if (right) correct++;
            if (!inVocabulary) {
                oov++;
                if (right) oovCorrect++;
            }
            pos += w.length();
        }
    }

    /** For each char of {@code from}, its position in {@code to}, or -1: identity when equal, else a longest common subsequence. */
    private static int[] align(String from, String to) {
        int[] map = new int[from.length()];
        if (from.equals(to)) {
            for (int i = 0; i < map.length; i++) map[i] = i;
            return map;
        }
        int n = from.length(), m = to.length();
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = from.charAt(i) == to.charAt(j) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        java.util.Arrays.fill(map, -1);
        int i = 0, j = 0;
        while (i < n && j < m) {
            if (from.charAt(i) == to.charAt(j)) map[i++] = j++;
            else if (lcs[i + 1][j] >= lcs[i][j + 1]) i++;
            else j++;
        }
        return map;
    }

    double precision() {
        return predicted == 0 ? 0 : (double) correct / predicted;
    }

    double recall() {
        return gold == 0 ? 0 : (double) correct / gold;
    }

    double f() {
        return f(correct, predicted, gold);
    }

    /** F of {@code correct} words out of {@code predicted} predicted and {@code gold} gold words. */
    static double f(long correct, long predicted, long gold) {
        double p = predicted == 0 ? 0 : (double) correct / predicted, r = gold == 0 ? 0 : (double) correct / gold;
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    long correct() {
        return correct;
    }

    long predicted() {
        return predicted;
    }

    long gold() {
        return gold;
    }

    double oovRate() {
        return gold == 0 ? 0 : (double) oov / gold;
    }

    double oovRecall() {
        return oov == 0 ? 0 : (double) oovCorrect / oov;
    }

    double ivRecall() {
        return gold - oov == 0 ? 0 : (double) (correct - oovCorrect) / (gold - oov);
    }
}
