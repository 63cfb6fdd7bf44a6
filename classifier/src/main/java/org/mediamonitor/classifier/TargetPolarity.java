package org.mediamonitor.classifier;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The polarity of one English sentence toward the target named in it — negative, neutral or positive —
 * as a logistic-regression model (LIBLINEAR) learnt from sentences labelled per target (NewsMTSC: the
 * sentiment of a news sentence toward one person named in it). It reads the words of the sentence, the
 * words on each side of the mentions, the lexicon's evaluative words with their negation, the side of a
 * contrast they fall on and whom they are about, signs of reported speech (the target speaking,
 * quoted, or spoken of), CoreNLP's sentiment model's tone of the sentence, of the phrase around the
 * mention and of its clause ({@link SentenceSentiment}), and what the sentence and the six words on each
 * side of the first mention mean, as a sentence encoder reads them ({@link SentenceEmbedding}), which lets
 * it weigh words that its training sentences did not hold. {@link LexiconClassifier} lets it score each
 * English sentence that names a target given with the item ({@link #rescore}: the per-target sets such as
 * NewsMTSC), and a trained label model reads its tone of every English sentence ({@link Features}). For the configured target (Taiwan) the
 * lexicon's score of a sentence stands: on the development half of mission-taiwan every way tried of letting
 * the model revise it (a blend, a gate, an agreement factor) scored lower on the English items than the
 * lexicon alone (docs/CLASSIFIER.md).
 *
 * <p>The product carries a model built by
 * {@code monitor train --polarity --input ../shared/data/sentiment-newsmtsc/train.targets.jsonl} (NewsMTSC is
 * MIT-licensed; docs/CLASSIFIER.md has the command and its measurements).
 */
public final class TargetPolarity {
    private static final Logger LOG = LoggerFactory.getLogger(TargetPolarity.class);
    static final String SHIPPED = "target-polarity.txt.gz";
    private static final String HEADER = "# media-monitor target polarity model";
    private static final String NAME = "polarity-3";
    /** Hashed word slots: NewsMTSC has some 10^5 distinct keys; collisions at this size cost little. */
    static final int HASHED = 1 << 18;
    /** Figures of the lexicon and of CoreNLP's sentiment model, then the two passages' vectors. */
    private static final int FIGURES = 12;
    static final int DENSE = FIGURES + 2 * SentenceEmbedding.DIMENSION;
    /** How many words on each side of a mention the passage around it holds. */
    private static final int AROUND = 6;
    static final int DIMENSION = DENSE + HASHED;
    /** The model's classes, in the order of its labels. */
    static final int NEGATIVE = 0, NEUTRAL = 1, POSITIVE = 2;
    private static final List<String> CLASSES = List.of("negative", "balanced", "positive");
    /** How far from a mention a word counts as its neighbour, and as its close neighbour. */
    private static final int WINDOW = 5, CLOSE = 2;
    private static final String TARGET = "<T>", NUMBER = "<N>";

    private static final Lexicon ENGLISH = Lexicon.load("en");

    /** One sentence that names the target, as {@link LexiconClassifier} read it. */
    record Example(TextAnalysis.Sentence sentence, BitSet target, List<Integer> actors, LexiconClassifier.Scored scored) {
    }

    private final Model model;
    /** The model's weights, copied once: LIBLINEAR hands out a fresh copy on every call. */
    private final double[] weights;
    private final String version;
    /** Index of each of {@link #CLASSES} among the model's outputs. */
    private final int[] column = new int[3];

    private TargetPolarity(Model model, String version) {
        this.model = model;
        this.weights = model.getFeatureWeights();
        this.version = version;
        int[] labels = model.getLabels();
        for (int k = 0; k < labels.length; k++) column[labels[k]] = k;
    }

    /** The model that comes with the product, read once per process; null when none was built in. */
    static TargetPolarity shipped() {
        return Shipped.MODEL;
    }

    /** Read when first asked for: the JVM runs a class's initialiser once, whichever threads ask. */
    private static final class Shipped {
        static final TargetPolarity MODEL = readShipped();
    }

    private static TargetPolarity readShipped() {
        try (InputStream in = TargetPolarity.class.getResourceAsStream(SHIPPED)) {
            if (in == null) return null;
            return read(in);
        } catch (IOException | RuntimeException e) {
            LOG.warn("the built-in target polarity model could not be read ({}); English sentences are read by the lexicon alone",
                    e.toString());
            return null;
        }
    }

    /** A model saved by {@link #save(Path)}. */
    public static TargetPolarity load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        }
    }

    /**
     * Learns from English items labelled toward a named target ({@link LabelledItem#target()}): each sentence
     * that names it is one example with the item's label. Items without a target, in Chinese or labelled
     * {@code not_relevant} are left out. The cost C is chosen by three-fold cross-validation (macro-F1),
     * and each class is weighed inversely to its frequency.
     *
     * @param progress receives one line now and then
     */
    public static TargetPolarity train(ChineseSegmenter segmenter, List<LabelledItem> items, Consumer<String> progress) {
        LexiconClassifier reader = new LexiconClassifier(segmenter, null);
        List<Feature[]> x = new ArrayList<>();
        List<Integer> y = new ArrayList<>();
        List<List<Feature[]>> perItem = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) perItem.add(List.of());
        java.util.stream.IntStream.range(0, items.size()).parallel().forEach(i -> {
            LabelledItem item = items.get(i);
            if (item.target() == null || item.target().isBlank() || item.label().equals(LabelledItem.NOT_RELEVANT)) return;
            perItem.set(i, reader.polarityExamples(item.input()).stream().map(TargetPolarity::features).toList());
        });
        for (int i = 0; i < items.size(); i++) {
            for (Feature[] f : perItem.get(i)) {
                x.add(f);
                y.add(CLASSES.indexOf(items.get(i).label()));
            }
        }
        return train(x, y, progress);
    }

    /** Learns from feature vectors and class indices ({@link #NEGATIVE}, ...). */
    static TargetPolarity train(List<Feature[]> x, List<Integer> y, Consumer<String> progress) {
        if (x.isEmpty()) throw new IllegalArgumentException("no English sentences that name their item's target to learn from");
        Problem problem = new Problem();
        problem.l = x.size();
        problem.n = DIMENSION + 1;
        problem.bias = 1;
        problem.x = new Feature[x.size()][];
        problem.y = new double[x.size()];
        int[] counts = new int[CLASSES.size()];
        for (int i = 0; i < x.size(); i++) {
            problem.x[i] = withBias(x.get(i));
            problem.y[i] = y.get(i);
            counts[y.get(i)]++;
        }
        for (int k = 0; k < counts.length; k++) {
            if (counts[k] == 0) throw new IllegalArgumentException("no " + CLASSES.get(k) + " sentence to learn from");
        }
        Parameter parameter = new Parameter(SolverType.L2R_LR, 1.0, 0.01);
        double[] weights = new double[CLASSES.size()];
        int[] ids = {NEGATIVE, NEUTRAL, POSITIVE};
        for (int k = 0; k < weights.length; k++) weights[k] = (double) x.size() / (weights.length * counts[k]);
        parameter.setWeights(weights, ids);
        Linear.disableDebugOutput();
        double best = 1, bestScore = -1;
        for (double c : new double[] {1, 2, 4, 8, 16}) {
            Parameter p = parameter.clone();
            p.setC(c);
            double[] predicted = new double[problem.l];
            Linear.resetRandom();
            Linear.crossValidation(problem, p, 3, predicted);
            double score = TrainedClassifier.macroF1(problem.y, predicted, CLASSES.size());
            progress.accept(String.format(Locale.ROOT, "C = %s: cross-validated sentence macro-F1 %.3f", c, score));
            if (score > bestScore + 1e-9) {
                bestScore = score;
                best = c;
            }
        }
        parameter.setC(best);
        Linear.resetRandom();
        Model model = Linear.train(problem, parameter);
        progress.accept("trained on " + x.size() + " sentences (negative " + counts[NEGATIVE] + ", neutral " + counts[NEUTRAL]
                + ", positive " + counts[POSITIVE] + "), C = " + best);
        return new TargetPolarity(model, NAME);
    }

    public String version() {
        return version;
    }

    /** Probabilities of negative, neutral and positive (indexed by {@link #NEGATIVE}, ...). */
    double[] probabilities(Example example) {
        double[] p = new double[model.getNrClass()];
        Linear.predictProbability(model, withBias(features(example)), p);
        return new double[] {p[column[NEGATIVE]], p[column[NEUTRAL]], p[column[POSITIVE]]};
    }

    /**
     * The lexicon's reading of a sentence that names a given target, with the model's verdict as its score:
     * {@code SENTENCE_CAP} times the probability of the model's class, signed, or zero when neutral is likeliest.
     * Where the lexicon found no word but the model leans, the words that moved the model most are the evidence.
     */
    LexiconClassifier.Scored rescore(TextAnalysis.Sentence sentence, BitSet target, List<Integer> actors,
                                     LexiconClassifier.Scored scored) {
        Example example = new Example(sentence, target, actors, scored);
        double[] p = probabilities(example);
        double lean = lean(p);
        // one named entity, as in the sets the model learnt from: the model decides, the lexicon is among its features
        double score = LexiconClassifier.SENTENCE_CAP * lean;
        List<String> words = scored.words();
        if (words.isEmpty() && Math.abs(lean) >= 0.3) words = strongestWords(sentence, target, lean > 0 ? POSITIVE : NEGATIVE);
        return scored.revised(score, words, p);
    }

    /**
     * The probability of the sentence's likeliest class when that class is polar, signed (negative for a
     * negative verdict); zero when the sentence is likeliest neutral toward the target.
     */
    static double lean(double[] p) {
        if (p[POSITIVE] > p[NEGATIVE] && p[POSITIVE] > p[NEUTRAL]) return p[POSITIVE];
        if (p[NEGATIVE] > p[POSITIVE] && p[NEGATIVE] > p[NEUTRAL]) return -p[NEGATIVE];
        return 0;
    }

    /** Up to three words of the sentence whose own weight pushes the model most toward {@code side}. */
    private List<String> strongestWords(TextAnalysis.Sentence sentence, BitSet target, int side) {
        double[] w = weights;
        int classes = model.getNrClass();
        List<TextAnalysis.Token> tokens = sentence.tokens();
        Map<String, Double> pull = new HashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (target.get(i)) continue;
            TextAnalysis.Token t = tokens.get(i);
            // content words only: names and short function words move the model too, but explain nothing
            if (t.key().length() < 4 || !Character.isLowerCase(t.surface().charAt(0))) continue;
            int index = DENSE + slot("u:" + t.key()); // 0-based row of the word's weights
            double toward = w[index * classes + column[side]];
            double against = w[index * classes + column[side == POSITIVE ? NEGATIVE : POSITIVE]];
            if (toward - against > 0.3) pull.merge(t.surface(), toward - against, Math::max);
        }
        return pull.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(3)
                .map(Map.Entry::getKey).toList();
    }

    /** The sparse vector of one example: a few dense figures, then hashed keys scaled to unit length. */
    static Feature[] features(Example e) {
        List<TextAnalysis.Token> tokens = e.sentence().tokens();
        int n = tokens.size();
        String[] keys = new String[n];
        for (int i = 0; i < n; i++) {
            String key = tokens.get(i).key();
            keys[i] = e.target().get(i) ? TARGET : key.codePoints().anyMatch(Character::isDigit) ? NUMBER : key;
        }
        // distance from each token to the nearest target token on its right (as a left neighbour) and left
        int[] toRight = new int[n], toLeft = new int[n];
        int last = -1;
        for (int i = 0; i < n; i++) {
            toLeft[i] = last < 0 ? Integer.MAX_VALUE : i - last;
            if (e.target().get(i)) last = i;
        }
        last = -1;
        for (int i = n - 1; i >= 0; i--) {
            toRight[i] = last < 0 ? Integer.MAX_VALUE : last - i;
            if (e.target().get(i)) last = i;
        }
        Map<String, Double> keysFound = new HashMap<>();
        String previous = null;
        for (int i = 0; i < n; i++) {
            String k = keys[i];
            boolean word = k.equals(TARGET) || k.codePoints().anyMatch(Character::isLetterOrDigit);
            if (k.equals(TARGET) && TARGET.equals(previous)) continue; // a name of several words is one mention
            if (!word) {
                previous = null;
                continue;
            }
            if (!k.equals(TARGET)) {
                add(keysFound, "u:" + k);
                // the whole left and right contexts apart: what is said before the target, and after it
                add(keysFound, (toRight[i] != Integer.MAX_VALUE ? "SL:" : "SR:") + k);
                if (toRight[i] <= WINDOW) add(keysFound, (toRight[i] <= CLOSE ? "L1:" : "L2:") + k);
                if (toLeft[i] <= WINDOW) add(keysFound, (toLeft[i] <= CLOSE ? "R1:" : "R2:") + k);
            }
            if (previous != null) add(keysFound, "b:" + previous + " " + k);
            previous = k;
        }

        // the two words before and after each mention, as phrases: "criticised <T>" differs from "<T> criticised"
        for (int i = 0; i < n; i++) {
            if (!e.target().get(i)) continue;
            if (i > 0 && !e.target().get(i - 1)) {
                add(keysFound, "P1:" + keys[i - 1]);
                if (i > 1) add(keysFound, "P2:" + keys[i - 2] + " " + keys[i - 1]);
            }
            if (i + 1 < n && !e.target().get(i + 1)) {
                add(keysFound, "N1:" + keys[i + 1]);
                if (i + 2 < n) add(keysFound, "N2:" + keys[i + 1] + " " + keys[i + 2]);
            }
        }
        // the lexicon's words: polarity, whom they are about, their kind, where they stand from the target
        double positive = 0, negative = 0;
        LexiconClassifier.Scored scored = e.scored();
        for (LexiconClassifier.Found f : scored.found()) {
            if (f.value() == 0 || f.everyday()) continue;
            String sign = f.value() > 0 ? "+" : "-";
            if (f.value() > 0) positive += f.value();
            else negative -= f.value();
            int distance = Math.min(toRight[f.at()], toLeft[f.at()]);
            String side = toRight[f.at()] <= toLeft[f.at()] ? "before" : "after";
            String reach = distance <= 3 ? "close" : distance <= 8 ? "near" : "far";
            add(keysFound, "x:" + sign);
            add(keysFound, "x:" + sign + f.about());
            add(keysFound, "x:" + sign + f.category());
            add(keysFound, "x:" + sign + side + "-" + reach);
            if (f.negated()) add(keysFound, "x:negated" + sign);
            if (f.byTarget()) add(keysFound, "x:byTarget" + sign);
            if (f.threat()) add(keysFound, "x:threat-" + f.about());
            if (scored.contrastToken() >= 0) {
                add(keysFound, "x:" + sign + (f.at() > scored.contrastToken() ? "after" : "before") + "-contrast");
            }
        }

        // reported speech: the target speaking, spoken of, or quoted
        int quotesBefore = 0;
        boolean quoted = false, anyQuote = false;
        for (int i = 0; i < n; i++) {
            String k = keys[i];
            if (isQuote(k)) {
                anyQuote = true;
                quotesBefore++;
            }
            if (e.target().get(i) && quotesBefore % 2 == 1) quoted = true;
            if (ENGLISH.reporting.contains(k)) {
                add(keysFound, "s:reported");
                if (toLeft[i] <= 4) add(keysFound, "s:target-says");
                else if (toRight[i] <= WINDOW * 3) add(keysFound, "s:says-of-target");
            }
        }
        if (anyQuote) add(keysFound, "s:quotes");
        if (quoted) add(keysFound, "s:target-quoted");
        if (n > 0 && e.target().get(0)) add(keysFound, "p:target-first");
        for (int i = 0; i + 1 < n; i++) {
            if (e.target().get(i) && !e.target().get(i + 1)) {
                if (keys[i + 1].equals("'s") || keys[i + 1].equals("’s")) add(keysFound, "p:possessive");
                if (ENGLISH.negations.contains(keys[i + 1])) add(keysFound, "p:target-negated");
            }
            if (!e.target().get(i) && e.target().get(i + 1) && keys[i].equals("by")) add(keysFound, "p:by-target");
        }

        TreeMap<Integer, Double> x = new TreeMap<>();
        // CoreNLP's sentiment model: the negative and positive probabilities of the sentence, of the phrase
        // around the mention and of its clause, and the likeliest class of each. A sentence read without a
        // target (the tone a trained label model reads) is not parsed and has none of these.
        if (!e.target().isEmpty()) {
            SentenceSentiment.Tone tone = SentenceSentiment.shared().of(e.sentence(), e.target());
            double[][] spans = {tone.sentence(), tone.near(), tone.clause()};
            for (int s = 0; s < spans.length; s++) {
                set(x, 7 + 2 * s, spans[s][0]);
                set(x, 8 + 2 * s, spans[s][2]);
                int likeliest = spans[s][0] > spans[s][1] && spans[s][0] > spans[s][2] ? 0 : spans[s][2] > spans[s][1] ? 2 : 1;
                add(keysFound, "tr:" + s + ":" + likeliest);
            }
        }
        if (!e.target().isEmpty()) {
            // what the sentence and the words around the mention mean (unit vectors, as the hashed part)
            float[] whole = SentenceEmbedding.shared().of(e.sentence().text());
            float[] around = SentenceEmbedding.shared().of(around(tokens, e.target()));
            for (int d = 0; d < SentenceEmbedding.DIMENSION; d++) {
                set(x, FIGURES + 1 + d, whole[d]);
                set(x, FIGURES + 1 + SentenceEmbedding.DIMENSION + d, around[d]);
            }
        }
        set(x, 1, Math.tanh(scored.score() / 3));
        set(x, 2, Math.tanh(scored.plain() / 3));
        set(x, 3, Math.tanh(positive / 3));
        set(x, 4, Math.tanh(negative / 3));
        set(x, 5, Math.tanh(scored.answer()));
        set(x, 6, e.actors().isEmpty() ? 0 : 1);
        Map<Integer, Double> hashed = new HashMap<>();
        for (Map.Entry<String, Double> k : keysFound.entrySet()) hashed.merge(DENSE + 1 + slot(k.getKey()), 1.0, Double::sum);
        double norm = 0;
        for (double v : hashed.values()) norm += v * v;
        double scale = norm == 0 ? 0 : 1 / Math.sqrt(norm);
        hashed.forEach((k, v) -> x.put(k, v * scale));
        Feature[] out = new Feature[x.size()];
        int i = 0;
        for (Map.Entry<Integer, Double> f : x.entrySet()) out[i++] = new FeatureNode(f.getKey(), f.getValue());
        return out;
    }

    /** The words from {@link #AROUND} before the first mention to as many after it. */
    private static String around(List<TextAnalysis.Token> tokens, BitSet target) {
        int first = target.nextSetBit(0);
        int end = first;
        while (end < tokens.size() && target.get(end)) end++;
        StringBuilder out = new StringBuilder();
        for (int i = Math.max(0, first - AROUND); i < Math.min(tokens.size(), end + AROUND); i++) {
            if (!out.isEmpty()) out.append(' ');
            out.append(tokens.get(i).surface());
        }
        return out.toString();
    }

    private static boolean isQuote(String key) {
        return key.equals("\"") || key.equals("“") || key.equals("”") || key.equals("``") || key.equals("''");
    }

    private static void add(Map<String, Double> keys, String key) {
        keys.merge(key, 1.0, Double::sum);
    }

    private static void set(TreeMap<Integer, Double> x, int index, double value) {
        if (value != 0) x.put(index, value);
    }

    /** A stable hash (String.hashCode is specified) spread over the slots; 0-based. */
    private static int slot(String key) {
        int h = key.hashCode() * 0x9E3779B1;
        return (h ^ (h >>> 15)) & (HASHED - 1);
    }

    private static Feature[] withBias(Feature[] x) {
        Feature[] out = Arrays.copyOf(x, x.length + 1);
        out[x.length] = new FeatureNode(DIMENSION + 1, 1.0);
        return out;
    }

    /** Writes the model ({@link LinearModelFile}, the weights rounded). */
    public void save(Path file) throws IOException {
        LinearModelFile.write(file, HEADER, Map.of("version", version, "dimension", Integer.toString(DIMENSION)), model, true);
    }

    private static TargetPolarity read(InputStream raw) throws IOException {
        LinearModelFile.Contents file = LinearModelFile.read(raw, HEADER, "target polarity model", DIMENSION);
        Model model = file.model();
        if (model.getNrClass() != CLASSES.size()) throw new IOException("a target polarity model has three classes, this one " + model.getNrClass());
        return new TargetPolarity(model, file.fields().getOrDefault("version", NAME));
    }
}
