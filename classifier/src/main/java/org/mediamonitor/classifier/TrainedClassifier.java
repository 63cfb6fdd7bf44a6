package org.mediamonitor.classifier;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.mediamonitor.model.Classification;
import org.mediamonitor.model.Label;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Labels items with a logistic-regression model (LIBLINEAR) trained on labelled items, reading the
 * lexicon's figures and the item's words ({@link Features}); the evidence is the lexicon's. When the
 * model was trained with {@code not_relevant} items it also decides relevance; otherwise relevance is
 * the lexicon's. The confidence is the model's probability of the label it gives.
 *
 * <p>{@link #shipped(ChineseSegmenter)} gives the model that comes with the product (trained only on
 * text whose licence allows it), or the lexicon alone when there is none.
 */
public final class TrainedClassifier implements Classifier {
    private static final Logger LOG = LoggerFactory.getLogger(TrainedClassifier.class);
    private static final String SHIPPED = "label-model.txt.gz";
    private static final String HEADER = "# media-monitor label model";
    private static final String NAME = "linear-1";

    private final LexiconClassifier lexicon;
    private final Model model;
    /** Label names in the model's class order. */
    private final List<String> labels;
    private final String version;

    private TrainedClassifier(LexiconClassifier lexicon, Model model, List<String> labels, String version) {
        this.lexicon = lexicon;
        this.model = model;
        this.labels = labels;
        this.version = version;
    }

    /** The model that comes with the product, or the lexicon alone if none was built in. */
    public static Classifier shipped(ChineseSegmenter segmenter) {
        LexiconClassifier lexicon = new LexiconClassifier(segmenter);
        try (InputStream in = TrainedClassifier.class.getResourceAsStream(SHIPPED)) {
            if (in == null) return lexicon;
            return read(lexicon, in);
        } catch (IOException | RuntimeException e) {
            LOG.warn("the built-in label model could not be read ({}); using the lexicon alone", e.toString());
            return lexicon;
        }
    }

    /** A model saved by {@link #save(Path)}. */
    public static TrainedClassifier load(ChineseSegmenter segmenter, Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(new LexiconClassifier(segmenter), in);
        }
    }

    /**
     * Trains a model on {@code items}. The cost parameter C is chosen by five-fold cross-validation
     * on the items themselves; each class is weighed inversely to its frequency, so that a rare label
     * is not ignored (the goals are macro-F1).
     *
     * @param progress receives one line now and then
     */
    public static TrainedClassifier train(ChineseSegmenter segmenter, List<LabelledItem> items, Consumer<String> progress) {
        LexiconClassifier lexicon = new LexiconClassifier(segmenter);
        return train(lexicon, features(lexicon, items, progress), items.stream().map(LabelledItem::label).toList(), progress);
    }

    /** The feature vectors of {@code items}, computed in parallel (the text analysis dominates). */
    static List<Feature[]> features(LexiconClassifier lexicon, List<LabelledItem> items, Consumer<String> progress) {
        Feature[][] out = new Feature[items.size()][];
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        java.util.stream.IntStream.range(0, items.size()).parallel().forEach(i -> {
            out[i] = featuresOf(lexicon, items.get(i).input());
            int d = done.incrementAndGet();
            if (d % 1000 == 0) progress.accept("analysed " + d + " of " + items.size() + " items");
        });
        return Arrays.asList(out);
    }

    private static Feature[] featuresOf(LexiconClassifier lexicon, Input input) {
        LexiconClassifier.Assessment a = lexicon.assess(input, true);
        return Features.of(a, lexicon.lexicon(a.chinese()));
    }

    static TrainedClassifier train(LexiconClassifier lexicon, List<Feature[]> x, List<String> y, Consumer<String> progress) {
        if (x.isEmpty()) throw new IllegalArgumentException("no labelled items to train on");
        List<String> labels = new ArrayList<>(new TreeSet<>(y));
        if (labels.size() < 2) throw new IllegalArgumentException("training needs at least two labels, got " + labels);
        Problem problem = new Problem();
        problem.l = x.size();
        problem.n = Features.DIMENSION + 1; // the last feature is the bias
        problem.bias = 1;
        problem.x = new Feature[x.size()][];
        problem.y = new double[x.size()];
        int[] counts = new int[labels.size()];
        for (int i = 0; i < x.size(); i++) {
            problem.x[i] = withBias(x.get(i));
            int label = labels.indexOf(y.get(i));
            problem.y[i] = label;
            counts[label]++;
        }
        Parameter parameter = new Parameter(SolverType.L2R_LR, 1.0, 0.01);
        double[] weights = new double[labels.size()];
        int[] ids = new int[labels.size()];
        for (int k = 0; k < labels.size(); k++) {
            ids[k] = k;
            weights[k] = counts[k] == 0 ? 1 : (double) x.size() / (labels.size() * counts[k]);
        }
        parameter.setWeights(weights, ids);
        Linear.disableDebugOutput();
        Linear.resetRandom();
        double c = chooseCost(problem, parameter, progress);
        parameter.setC(c);
        Model model = Linear.train(problem, parameter);
        progress.accept("trained on " + x.size() + " items, labels " + labels + ", C = " + c);
        return new TrainedClassifier(lexicon, model, List.copyOf(labels), NAME + "+" + LexiconClassifier.VERSION);
    }

    /** The C of the best cross-validated accuracy among a few powers of two (small sets: fewer folds). */
    private static double chooseCost(Problem problem, Parameter parameter, Consumer<String> progress) {
        int folds = Math.min(5, problem.l / 10);
        if (folds < 2) return 1.0;
        double best = 1.0, bestScore = -1;
        for (double c : new double[] {0.25, 1, 4, 16, 64}) {
            Parameter p = parameter.clone();
            p.setC(c);
            double[] predicted = new double[problem.l];
            Linear.resetRandom();
            Linear.crossValidation(problem, p, folds, predicted);
            double score = macroF1(problem.y, predicted, parameter.getNumWeights());
            progress.accept(String.format(java.util.Locale.ROOT, "C = %s: cross-validated macro-F1 %.3f", c, score));
            if (score > bestScore + 1e-9) {
                bestScore = score;
                best = c;
            }
        }
        return best;
    }

    /** Macro-F1 of predicted class indices against gold ones, over {@code classes} classes. */
    static double macroF1(double[] gold, double[] predicted, int classes) {
        double sum = 0;
        for (int k = 0; k < classes; k++) {
            int tp = 0, fp = 0, fn = 0;
            for (int i = 0; i < gold.length; i++) {
                if (predicted[i] == k && gold[i] == k) tp++;
                else if (predicted[i] == k) fp++;
                else if (gold[i] == k) fn++;
            }
            sum += tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
        }
        return sum / classes;
    }

    private static Feature[] withBias(Feature[] x) {
        Feature[] out = Arrays.copyOf(x, x.length + 1);
        out[x.length] = new de.bwaldvogel.liblinear.FeatureNode(Features.DIMENSION + 1, 1.0);
        return out;
    }

    /** The labels this model can give, in order: {@code positive}, {@code balanced}, ... */
    public List<String> labels() {
        return labels;
    }

    /** The probability of each label (keys as in {@link #labels()}) and the lexicon's reading of the item. */
    public Map<String, Double> probabilities(Input input) {
        return probabilities(lexicon.assess(input, true));
    }

    private Map<String, Double> probabilities(LexiconClassifier.Assessment a) {
        Feature[] x = withBias(Features.of(a, lexicon.lexicon(a.chinese())));
        double[] p = new double[model.getNrClass()];
        Linear.predictProbability(model, x, p);
        int[] order = model.getLabels();
        Map<String, Double> out = new LinkedHashMap<>();
        for (String label : labels) out.put(label, 0.0);
        for (int k = 0; k < order.length; k++) out.put(labels.get(order[k]), p[k]);
        return out;
    }

    @Override
    public Classification classify(Input input) {
        LexiconClassifier.Assessment a = lexicon.assess(input, true);
        Map<String, Double> p = probabilities(a);
        Classification byLexicon = a.verdict();
        boolean decidesRelevance = labels.contains(LabelledItem.NOT_RELEVANT);
        String best = null;
        double bestP = -1, sentimentMass = 0;
        for (Map.Entry<String, Double> e : p.entrySet()) {
            if (e.getKey().equals(LabelledItem.NOT_RELEVANT)) continue;
            sentimentMass += e.getValue();
            if (e.getValue() > bestP) {
                bestP = e.getValue();
                best = e.getKey();
            }
        }
        if (decidesRelevance) {
            double notRelevant = p.get(LabelledItem.NOT_RELEVANT);
            if (notRelevant >= bestP) {
                return new Classification(false, null, round(notRelevant), List.of(), "model:" + version, Instant.now());
            }
            return new Classification(true, Label.valueOf(best.toUpperCase(java.util.Locale.ROOT)), round(bestP),
                    byLexicon.evidence(), "model:" + version, Instant.now());
        }
        if (!byLexicon.relevant()) {
            return new Classification(false, null, byLexicon.confidence(), List.of(), "model:" + version, Instant.now());
        }
        return new Classification(true, Label.valueOf(best.toUpperCase(java.util.Locale.ROOT)), round(bestP / sentimentMass),
                byLexicon.evidence(), "model:" + version, Instant.now());
    }

    private static double round(double p) {
        return Math.round(p * 1000) / 1000.0;
    }

    @Override
    public String version() {
        return version;
    }

    /** Writes the model ({@link LinearModelFile}; the header names the labels). */
    public void save(Path file) throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("version", version);
        fields.put("labels", String.join(",", labels));
        fields.put("dimension", Integer.toString(Features.DIMENSION));
        LinearModelFile.write(file, HEADER, fields, model, false);
    }

    private static TrainedClassifier read(LexiconClassifier lexicon, InputStream raw) throws IOException {
        LinearModelFile.Contents file = LinearModelFile.read(raw, HEADER, "label model", Features.DIMENSION);
        String labels = file.fields().get("labels");
        if (labels == null) throw new IOException("the model names no labels");
        return new TrainedClassifier(lexicon, file.model(), List.of(labels.split(",")), file.fields().getOrDefault("version", NAME));
    }
}
