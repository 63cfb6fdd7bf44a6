package org.mediamonitor.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.mediamonitor.classifier.ChineseSegmenter;
import org.mediamonitor.classifier.Classifier;
import org.mediamonitor.classifier.Evaluation;
import org.mediamonitor.classifier.LabelledItem;
import org.mediamonitor.classifier.LexiconClassifier;
import org.mediamonitor.classifier.TargetPolarity;
import org.mediamonitor.classifier.TrainedClassifier;
import org.mediamonitor.model.Classification;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code monitor eval sentiment}: trains a throwaway model on one labelled set and scores it on another
 * (or scores the shipped model, a saved model or the lexicon alone), printing accuracy, macro-F1, Cohen's κ,
 * the confusion matrix, calibration and speed; with {@code --corrections}, also the agreement with the
 * staff's corrections. Reads the formats of the evaluation sets as they are (see {@link #readItems}).
 */
@Command(name = "sentiment", mixinStandardHelpOptions = true,
        description = {"Train a throwaway model on one labelled set and score it on another.",
                "Sets: JSONL {id, title?, text, lang?, target?, label} (mission-taiwan), NewsMTSC (flat *.targets.jsonl or "
                        + "upstream {sentence_normalized, targets[]}: the mention is the target), Financial PhraseBank "
                        + "{sentence, label}, ChnSentiCorp {text, label}, VADER ground truth {text, label_3class}. "
                        + "neutral counts as balanced.",
                "Corrections: JSONL {id, label, by?, at?, reason?, title?, text?, lang?}, or the index's corrections log "
                        + "{item, cluster, verdict}; a line without text refers to the --test item with that id."})
final class EvalSentimentCommand implements Callable<Integer> {

    @Option(names = "--train", paramLabel = "A.jsonl", description = "Labelled items to train a throwaway model on.")
    Path train;

    @Option(names = "--test", paramLabel = "B.jsonl", description = "Labelled items to score.")
    Path test;

    @Option(names = "--folds", paramLabel = "K",
            description = "Without --test: K-fold cross-validation on --train (each fold scored by a model trained on the others; "
                    + "items with the same text are kept in one fold).")
    int folds;

    @Option(names = "--run-folds", paramLabel = "N",
            description = "With --folds: score only the first N folds (a quicker estimate on large sets; default all).")
    int runFolds;

    @Option(names = "--model", paramLabel = "FILE", description = "Score a model saved by 'monitor train' (default: the shipped one).")
    Path model;

    @Option(names = "--lexicon", description = "Score the lexicon (with the built-in target polarity model unless --no-polarity), without a label model.")
    boolean lexiconOnly;

    @Option(names = "--train-polarity",
            description = "With --train: train the English target polarity model of sentences (per fold with --folds) and score "
                    + "the lexicon read with it, instead of training a label model.")
    boolean trainPolarity;

    @Option(names = "--polarity", paramLabel = "FILE",
            description = "With --lexicon: read English sentences with this target polarity model (saved by 'monitor train --polarity').")
    Path polarityModel;

    @Option(names = "--no-polarity", description = "With --lexicon: the lexicon alone, without the target polarity model.")
    boolean noPolarity;

    @Option(names = "--corrections", paramLabel = "FILE", description = "Also report agreement with these staff corrections.")
    Path corrections;

    @Option(names = "--limit", paramLabel = "N", description = "Read at most N items of each file (0: all).")
    int limit;

    @Option(names = "--speed", paramLabel = "N",
            description = "Also time the classifier on N articles built from the --test texts, half of 800 English words "
                    + "and half of 2,000 Chinese characters (texts of one language joined until long enough).")
    int speed;

    @Override
    public Integer call() throws Exception {
        if (test == null && (train == null || folds < 2) && corrections == null) {
            System.err.println("monitor: give --test B.jsonl, or --train A.jsonl --folds K, or --corrections FILE");
            return 2;
        }
        ChineseSegmenter segmenter = ChineseSegmenter.shared();
        List<LabelledItem> testItems = test == null ? List.of() : readItems(test, limit);
        if (test != null && train != null && folds < 2) {
            List<LabelledItem> trainItems = readItems(train, limit);
            System.err.println("monitor: training on " + trainItems.size() + " items of " + train);
            long t0 = System.nanoTime();
            Classifier trained = trainPolarity
                    ? new LexiconClassifier(segmenter, TargetPolarity.train(segmenter, trainItems, line -> System.err.println("monitor: " + line)))
                    : TrainedClassifier.train(segmenter, trainItems, line -> System.err.println("monitor: " + line));
            System.out.printf(Locale.ROOT, "trained on %s (%d items) in %.1f s%n", train, trainItems.size(), (System.nanoTime() - t0) / 1e9);
            score(trained, testItems);
            if (speed > 0) speed(trained, testItems);
            if (corrections != null) agreement(trained, testItems);
            return 0;
        }
        if (train != null && folds >= 2) {
            crossValidate(segmenter, readItems(train, limit));
            return 0;
        }
        Classifier classifier = lexiconOnly ? lexicon(segmenter)
                : model != null ? TrainedClassifier.load(segmenter, model) : TrainedClassifier.shipped(segmenter);
        System.out.println("classifier: " + classifier.version());
        if (!testItems.isEmpty()) score(classifier, testItems);
        if (speed > 0) speed(classifier, testItems);
        if (corrections != null) agreement(classifier, testItems);
        return 0;
    }

    /** The lexicon with the target polarity model that the options name: the built-in one, a saved one, or none. */
    private LexiconClassifier lexicon(ChineseSegmenter segmenter) throws IOException {
        if (noPolarity) return new LexiconClassifier(segmenter, null);
        if (polarityModel != null) return new LexiconClassifier(segmenter, TargetPolarity.load(polarityModel));
        return new LexiconClassifier(segmenter);
    }

    private void score(Classifier classifier, List<LabelledItem> items) {
        Evaluation evaluation = new Evaluation();
        Set<String> goldLabels = new TreeSet<>();
        items.forEach(i -> goldLabels.add(i.label()));
        long t0 = System.nanoTime();
        AtomicInteger done = new AtomicInteger();
        IntStream.range(0, items.size()).parallel().forEach(i -> {
            LabelledItem item = items.get(i);
            Prediction p = predict(classifier, item, goldLabels);
            evaluation.add(item.label(), p.label, p.confidence);
            if (done.incrementAndGet() % 1000 == 0) System.err.println("monitor: scored " + done.get() + " of " + items.size());
        });
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "scored %s with %s%n", test, classifier.version());
        System.out.print(evaluation.report());
        System.out.printf(Locale.ROOT, "speed: %d items in %.1f s = %.1f items/s (%d threads)%n", items.size(), seconds,
                items.size() / seconds, Runtime.getRuntime().availableProcessors());
    }

    /** Items per second on articles of the lengths that the speed goal names, after one warm-up pass. */
    private void speed(Classifier classifier, List<LabelledItem> items) {
        List<Classifier.Input> articles = new ArrayList<>();
        List<String> english = new ArrayList<>(), chinese = new ArrayList<>();
        for (LabelledItem item : items) {
            boolean zh = item.lang() != null ? item.lang().startsWith("zh") : item.text().codePoints().anyMatch(c ->
                    Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
            (zh ? chinese : english).add(item.text());
        }
        for (int i = 0; i < speed; i++) {
            boolean zh = i % 2 == 1 && !chinese.isEmpty() || english.isEmpty();
            List<String> texts = zh ? chinese : english;
            if (texts.isEmpty()) break;
            StringBuilder text = new StringBuilder();
            for (int k = i; zh ? text.length() < 2000 : text.toString().split("\\s+").length < 800; k++) {
                text.append(texts.get(k % texts.size())).append('\n');
            }
            articles.add(new Classifier.Input("", text.toString(), zh ? "zh" : "en", null));
        }
        articles.parallelStream().forEach(classifier::classify);
        long t0 = System.nanoTime();
        articles.parallelStream().forEach(classifier::classify);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Runtime rt = Runtime.getRuntime();
        System.gc();
        System.out.printf(Locale.ROOT, "speed: %d articles (800 English words / 2,000 Chinese characters, half each) in %.1f s = %.1f items/s"
                        + " with %d threads; heap in use %d MB of at most %d MB%n", articles.size(), seconds, articles.size() / seconds,
                rt.availableProcessors(), (rt.totalMemory() - rt.freeMemory()) >> 20, rt.maxMemory() >> 20);
    }

    private record Prediction(String label, double confidence) {
    }

    /**
     * The classifier's answer in the test set's terms: a set without {@code not_relevant} gets a
     * sentiment label for every item, and a binary set one of its two labels (the likelier of them). The
     * lexicon alone answers an item that it finds not to be about the target by the text's own tone.
     */
    private static Prediction predict(Classifier classifier, LabelledItem item, Set<String> goldLabels) {
        Classification c = classifier.classify(item.input());
        String label = c.relevant() ? c.label().name().toLowerCase(Locale.ROOT) : LabelledItem.NOT_RELEVANT;
        if (goldLabels.contains(label)) return new Prediction(label, c.confidence());
        if (classifier instanceof TrainedClassifier trained) {
            Map<String, Double> p = trained.probabilities(item.input());
            String best = null;
            double bestP = -1, mass = 0;
            for (String g : goldLabels) {
                double v = p.getOrDefault(g, 0.0);
                mass += v;
                if (v > bestP) {
                    bestP = v;
                    best = g;
                }
            }
            if (best != null && bestP > 0) return new Prediction(best, bestP / mass);
        }
        if (classifier instanceof LexiconClassifier lexicon) {
            // a set whose texts need not be about the target (reviews, financial news): the text's own tone
            double tone = lexicon.tone(item.input());
            String byTone = tone > 0 ? "positive" : tone < 0 ? "negative" : goldLabels.contains("balanced") ? "balanced" : "positive";
            if (goldLabels.contains(byTone)) return new Prediction(byTone, Double.NaN);
        }
        return new Prediction(goldLabels.contains("balanced") ? "balanced" : label, Double.NaN);
    }

    private void crossValidate(ChineseSegmenter segmenter, List<LabelledItem> items) {
        List<LabelledItem> shuffled = new ArrayList<>(items);
        java.util.Collections.shuffle(shuffled, new java.util.Random(20261126));
        Evaluation evaluation = new Evaluation();
        Set<String> goldLabels = new TreeSet<>();
        items.forEach(i -> goldLabels.add(i.label()));
        int run = runFolds > 0 ? Math.min(runFolds, folds) : folds;
        // items that share a text (NewsMTSC: one sentence, several targets) stay in one fold, so that no fold
        // is scored on a sentence its model learnt from
        Map<String, Integer> groups = new HashMap<>();
        int[] fold = new int[shuffled.size()];
        for (int i = 0; i < shuffled.size(); i++) {
            fold[i] = groups.computeIfAbsent(shuffled.get(i).title() + "\n" + shuffled.get(i).text(), t -> groups.size()) % folds;
        }
        for (int f = 0; f < run; f++) {
            List<LabelledItem> fit = new ArrayList<>(), held = new ArrayList<>();
            for (int i = 0; i < shuffled.size(); i++) (fold[i] == f ? held : fit).add(shuffled.get(i));
            Classifier trained = trainPolarity ? new LexiconClassifier(segmenter, TargetPolarity.train(segmenter, fit, line -> { }))
                    : TrainedClassifier.train(segmenter, fit, line -> { });
            held.parallelStream().forEach(item -> {
                Prediction p = predict(trained, item, goldLabels);
                evaluation.add(item.label(), p.label, p.confidence);
            });
            System.err.printf(Locale.ROOT, "monitor: fold %d of %d done, macro-F1 so far %.3f%n", f + 1, folds, evaluation.macroF1());
        }
        System.out.printf(Locale.ROOT, "%d-fold cross-validation on %s (%d items), %d folds scored%n", folds, train, items.size(), run);
        System.out.print(evaluation.report());
    }

    /** Agreement of the classifier with the staff's corrections: accuracy and Cohen's κ. */
    private void agreement(Classifier classifier, List<LabelledItem> testItems) throws IOException {
        Map<String, LabelledItem> byId = new HashMap<>();
        testItems.forEach(i -> byId.put(i.id(), i));
        Evaluation evaluation = new Evaluation();
        int missing = 0;
        for (JsonNode row : jsonLines(corrections, 0)) {
            String id = correctionId(row);
            String label;
            try {
                label = LabelledItem.normalise(correctionLabel(row));
            } catch (IllegalArgumentException e) {
                System.err.println("monitor: " + corrections + " id " + id + ": " + e.getMessage());
                continue;
            }
            LabelledItem item = row.hasNonNull("text")
                    ? new LabelledItem(id, text(row, "title"), text(row, "text"), text(row, "lang"), text(row, "target"), label)
                    : byId.get(id);
            if (item == null) {
                missing++;
                continue;
            }
            Classification c = classifier.classify(item.input());
            evaluation.add(label, c.relevant() ? c.label().name().toLowerCase(Locale.ROOT) : LabelledItem.NOT_RELEVANT, c.confidence());
        }
        System.out.printf(Locale.ROOT, "agreement with corrections in %s: %d corrections scored, %d without text or test item%n",
                corrections, evaluation.size(), missing);
        if (evaluation.size() > 0) System.out.printf(Locale.ROOT, "  accuracy %.3f  kappa %.3f%n", evaluation.accuracy(), evaluation.kappa());
    }

    /**
     * The labelled items of a file in any of the evaluation sets' formats (one JSON object a line).
     * A line that cannot be read is reported on standard error with its number and skipped.
     */
    static List<LabelledItem> readItems(Path file, int limit) throws IOException {
        List<LabelledItem> items = new ArrayList<>();
        int number = 0;
        for (JsonNode row : jsonLines(file, 0)) {
            number++;
            try {
                items.addAll(itemsOf(row, file.getFileName() + ":" + number));
            } catch (IllegalArgumentException e) {
                System.err.println("monitor: " + file + " line " + number + " (id " + text(row, "id") + "): " + e.getMessage());
            }
            if (limit > 0 && items.size() >= limit) break;
        }
        return items;
    }

    private static List<LabelledItem> itemsOf(JsonNode row, String where) {
        if (row.has("sentence_normalized") && row.has("targets")) { // NewsMTSC, upstream layout
            String sentence = row.get("sentence_normalized").asText();
            List<LabelledItem> out = new ArrayList<>();
            for (JsonNode t : row.get("targets")) {
                double polarity = t.path("polarity").asDouble();
                String label = polarity < 3 ? "negative" : polarity > 5 ? "positive" : "balanced";
                out.add(new LabelledItem(t.path("Input.gid").asText(where), "", sentence, "en", t.path("mention").asText(), label));
            }
            return out;
        }
        String id = row.hasNonNull("target_gid") ? text(row, "target_gid") : row.hasNonNull("id") ? text(row, "id") : where;
        String text = row.hasNonNull("text") ? text(row, "text") : row.hasNonNull("sentence") ? text(row, "sentence") : null;
        if (text == null) throw new IllegalArgumentException("no text or sentence");
        String label = row.hasNonNull("label") ? text(row, "label") : row.hasNonNull("label_3class") ? text(row, "label_3class") : null;
        String target = row.hasNonNull("target") ? text(row, "target") : row.hasNonNull("mention") ? text(row, "mention") : null;
        return List.of(new LabelledItem(id, text(row, "title"), text, text(row, "lang"), target, label));
    }

    private static List<JsonNode> jsonLines(Path file, int limit) throws IOException {
        if (!Files.isRegularFile(file)) throw new IOException("no such file: " + file);
        List<JsonNode> rows = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int number = 0;
            for (String line; (line = in.readLine()) != null; ) {
                number++;
                if (line.isBlank()) continue;
                if (number == 1 && line.charAt(0) == '\uFEFF') line = line.substring(1);
                try {
                    JsonNode row = Json.MAPPER.readTree(line);
                    if (row != null && row.isObject()) rows.add(row);
                    else System.err.println("monitor: " + file + " line " + number + ": not a JSON object");
                } catch (IOException e) {
                    System.err.println("monitor: " + file + " line " + number + ": not JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
                }
                if (limit > 0 && rows.size() >= limit) break;
            }
        }
        return rows;
    }

    private static String text(JsonNode row, String field) {
        JsonNode value = row.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** A correction's item id: {@code id}, or {@code item} in the index's corrections log. */
    private static String correctionId(JsonNode row) {
        return row.hasNonNull("id") ? text(row, "id") : text(row, "item");
    }

    /** A correction's label: {@code label}, or the {@code verdict} (a Classification) of the index's corrections log. */
    private static String correctionLabel(JsonNode row) {
        JsonNode verdict = row.get("verdict");
        if (verdict != null && verdict.isObject()) {
            return verdict.path("relevant").asBoolean(true) && verdict.hasNonNull("label") ? verdict.get("label").asText()
                    : LabelledItem.NOT_RELEVANT;
        }
        return text(row, "label");
    }

    /**
     * The corrections in a file as id → item with the corrected label; lines that cannot be read are
     * reported. Two layouts: {@code {id, label, by, at, reason, title?, text?, lang?}}, and the index's
     * corrections log {@code {item, cluster, verdict: {relevant, label, decidedBy, decidedAt}}}.
     */
    static Map<String, LabelledItem> corrections(Path file) throws IOException {
        Map<String, LabelledItem> out = new HashMap<>();
        for (JsonNode row : jsonLines(file, 0)) {
            String id = correctionId(row);
            try {
                if (id == null) throw new IllegalArgumentException("no id");
                String label = LabelledItem.normalise(correctionLabel(row));
                out.put(id, new LabelledItem(id, text(row, "title"), text(row, "text"), text(row, "lang"), text(row, "target"), label));
            } catch (IllegalArgumentException e) {
                System.err.println("monitor: " + file + " id " + id + ": " + e.getMessage());
            }
        }
        return out;
    }
}
