package org.mediamonitor.classifier;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the lexicon's reading of an item into the sparse vector a linear model reads: a few dense
 * figures (evaluation toward the target, mentions, the lexicon's own verdict, the tone that the English
 * sentence model reads), for English text the sentence encoder's vectors of the title and lead and of the
 * sentences that name the target ({@link SentenceEmbedding}), followed by hashed words. Words are taken
 * three ways: the whole text, the sentences that name the target, and a window around each mention (left
 * and right apart, so "X condemned Y" differs for X and Y). Negated words carry a
 * mark up to the end of their clause; the target's own names become one placeholder, so the model
 * learns how the target is spoken of rather than which target it is.
 */
final class Features {
    /** Number of hashed word slots; collisions at this size cost little on sets of this size. */
    static final int HASHED = 1 << 18;
    /** The lexicon's and the sentence model's figures, then the vectors of the lead and of the target's sentences. */
    private static final int FIGURES = 24;
    static final int DENSE = FIGURES + 2 * SentenceEmbedding.DIMENSION;
    /** Sentences of the body read with the title as the lead, and target sentences averaged at most. */
    private static final int LEAD_SENTENCES = 3, TARGET_SENTENCES = 8;
    static final int DIMENSION = DENSE + HASHED;
    private static final int WINDOW = 4;
    private static final String TARGET = "<T>";
    private static final String NUMBER = "<N>";

    private Features() {
    }

    static Feature[] of(LexiconClassifier.Assessment a, Lexicon lexicon) {
        TreeMap<Integer, Double> x = new TreeMap<>();
        double plainPositive = 0, plainNegative = 0, titleScore = 0;
        int mentioningSentences = 0, toned = 0, tonedTarget = 0;
        double tonePositive = 0, toneNegative = 0, targetLean = 0, titleLean = 0;
        Map<String, Double> words = new HashMap<>();
        for (LexiconClassifier.SentenceScore s : a.sentences()) {
            if (s.plainScore() > 0) plainPositive += s.plainScore();
            else plainNegative -= s.plainScore();
            if (s.sentence().isTitle()) titleScore += s.score();
            if (s.mentions() > 0) mentioningSentences++;
            if (s.polarity() != null) {
                double[] p = s.polarity();
                toned++;
                tonePositive += p[TargetPolarity.POSITIVE];
                toneNegative += p[TargetPolarity.NEGATIVE];
                double lean = p[TargetPolarity.POSITIVE] - p[TargetPolarity.NEGATIVE];
                if (s.mentions() > 0) {
                    tonedTarget++;
                    targetLean += lean;
                }
                if (s.sentence().isTitle()) titleLean = lean;
            }
            List<String> tokens = marked(s, lexicon);
            addGrams(words, "a:", tokens);
            if (s.mentions() > 0 || s.sentence().isTitle()) addGrams(words, "t:", tokens);
            for (int m : s.mentionTokens()) {
                for (int k = Math.max(0, m - WINDOW); k < m; k++) add(words, "L:" + tokens.get(k));
                for (int k = m + 1; k <= Math.min(tokens.size() - 1, m + WINDOW); k++) add(words, "R:" + tokens.get(k));
            }
            if (a.chinese()) {
                String text = s.sentence().normalised();
                for (int i = 0; i < text.length(); i++) {
                    if (!Character.isLetterOrDigit(text.charAt(i))) continue;
                    add(words, "c:" + text.charAt(i));
                    if (i + 1 < text.length() && Character.isLetterOrDigit(text.charAt(i + 1))) add(words, "c:" + text.substring(i, i + 2));
                }
            }
        }
        int n = Math.max(1, a.sentences().size());
        var verdict = a.verdict();
        set(x, 1, Math.tanh(a.positive() / 3));
        set(x, 2, Math.tanh(a.negative() / 3));
        set(x, 3, Math.tanh((a.positive() - a.negative()) / 3));
        set(x, 4, (a.positive() + 0.5) / (a.positive() + a.negative() + 1));
        set(x, 5, verdict.relevant() ? 1 : 0);
        set(x, 6, Math.tanh(a.mentions() / 5.0));
        set(x, 7, a.mentionsInTitle() > 0 ? 1 : 0);
        set(x, 8, Math.tanh(a.mentionsInLead() / 3.0));
        set(x, 9, a.targetGiven() ? 1 : 0);
        set(x, 10, Math.tanh(plainPositive / 3));
        set(x, 11, Math.tanh(plainNegative / 3));
        set(x, 12, Math.tanh(titleScore / 3));
        set(x, 13, verdict.label() == org.mediamonitor.model.Label.POSITIVE ? 1 : 0);
        set(x, 14, verdict.label() == org.mediamonitor.model.Label.BALANCED ? 1 : 0);
        set(x, 15, verdict.label() == org.mediamonitor.model.Label.NEGATIVE ? 1 : 0);
        set(x, 16, verdict.relevant() ? 0 : 1);
        set(x, 17, (double) mentioningSentences / n);
        set(x, 18, a.chinese() ? 1 : 0);
        set(x, 19, Math.tanh(n / 20.0));
        set(x, 20, verdict.relevant() ? verdict.confidence() : 0);
        // the English sentence model's reading: the text's tone, and its lean toward the target
        set(x, 21, toned == 0 ? 0 : tonePositive / toned);
        set(x, 22, toned == 0 ? 0 : toneNegative / toned);
        set(x, 23, tonedTarget == 0 ? 0 : targetLean / tonedTarget);
        set(x, 24, titleLean);
        // what an English text says, as the sentence encoder reads it: the title and lead, and the sentences
        // that name the target (averaged)
        if (!a.chinese()) {
            StringBuilder lead = new StringBuilder();
            int body = 0, named = 0;
            double[] target = new double[SentenceEmbedding.DIMENSION];
            for (LexiconClassifier.SentenceScore s : a.sentences()) {
                boolean title = s.sentence().isTitle();
                if (title || body < LEAD_SENTENCES) {
                    if (!lead.isEmpty()) lead.append(' ');
                    lead.append(s.sentence().text());
                    if (!title) body++;
                }
                if (s.mentions() > 0 && named < TARGET_SENTENCES) {
                    float[] v = SentenceEmbedding.shared().of(s.sentence().text());
                    for (int d = 0; d < v.length; d++) target[d] += v[d];
                    named++;
                }
            }
            float[] v = SentenceEmbedding.shared().of(lead.toString());
            for (int d = 0; d < v.length; d++) {
                set(x, FIGURES + 1 + d, v[d]);
                if (named > 0) set(x, FIGURES + 1 + SentenceEmbedding.DIMENSION + d, target[d] / named);
            }
        }

        double norm = 0;
        Map<Integer, Double> hashed = new HashMap<>();
        for (Map.Entry<String, Double> w : words.entrySet()) {
            hashed.merge(DENSE + 1 + slot(w.getKey()), Math.log1p(w.getValue()), Double::sum);
        }
        for (double v : hashed.values()) norm += v * v;
        double scale = norm == 0 ? 0 : 1 / Math.sqrt(norm);
        hashed.forEach((k, v) -> x.put(k, v * scale));

        Feature[] out = new Feature[x.size()];
        int i = 0;
        for (Map.Entry<Integer, Double> e : x.entrySet()) out[i++] = new FeatureNode(e.getKey(), e.getValue());
        return out;
    }

    /** The sentence's words as keys: punctuation dropped, target names as one placeholder, negated words marked. */
    private static List<String> marked(LexiconClassifier.SentenceScore s, Lexicon lexicon) {
        List<TextAnalysis.Token> tokens = s.sentence().tokens();
        String[] out = new String[tokens.size()];
        boolean negated = false;
        for (int i = 0; i < tokens.size(); i++) {
            String key = tokens.get(i).key();
            boolean word = key.codePoints().anyMatch(Character::isLetterOrDigit);
            if (!word) negated = false;
            // amounts differ in every item; that there is one is what carries over
            if (key.codePoints().anyMatch(Character::isDigit)) key = NUMBER;
            out[i] = s.mentionTokens().contains(i) ? TARGET : negated ? "¬" + key : key;
            if (lexicon.negations.contains(key)) negated = true;
            if (lexicon.contrasts.containsKey(key)) negated = false;
        }
        return java.util.Arrays.asList(out);
    }

    private static void addGrams(Map<String, Double> words, String family, List<String> tokens) {
        String previous = null;
        for (String t : tokens) {
            if (t.codePoints().noneMatch(Character::isLetterOrDigit) && !t.equals(TARGET)) {
                previous = null;
                continue;
            }
            add(words, family + t);
            if (previous != null) add(words, family + previous + " " + t);
            previous = t;
        }
    }

    private static void add(Map<String, Double> words, String key) {
        words.merge(key, 1.0, Double::sum);
    }

    private static void set(TreeMap<Integer, Double> x, int index, double value) {
        if (value != 0) x.put(index, value);
    }

    /** A stable hash (String.hashCode is specified) spread over the slots. */
    private static int slot(String key) {
        int h = key.hashCode() * 0x9E3779B1;
        return (h ^ (h >>> 15)) & (HASHED - 1);
    }
}
