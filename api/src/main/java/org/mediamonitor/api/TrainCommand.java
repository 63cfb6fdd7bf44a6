package org.mediamonitor.api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.mediamonitor.classifier.ChineseSegmenter;
import org.mediamonitor.classifier.LabelledItem;
import org.mediamonitor.classifier.TargetPolarity;
import org.mediamonitor.classifier.TrainedClassifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code monitor train}: trains the label model from labelled items (JSONL {id, title, text, lang, label},
 * or any set format that {@code eval sentiment} reads) and the staff's corrections, and saves it; with
 * {@code --polarity}, the model of an English sentence's polarity toward a named target instead.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train the label model from labelled items.",
                "Input: JSONL {id, title, text, lang, label} (label positive, balanced, negative or not_relevant); "
                        + "--input may be repeated. Corrections (JSONL {id, label, by, at, reason, title?, text?}) replace "
                        + "the label of the item with the same id, and those with a text are added as items.",
                "--polarity trains the English sentence model of polarity toward a named target instead, from items "
                        + "that carry a target (NewsMTSC); the built-in one is classifier/src/main/resources/org/mediamonitor/"
                        + "classifier/target-polarity.txt.gz (docs/CLASSIFIER.md)."})
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--input", paramLabel = "FILE", required = true, description = "Labelled items (repeatable).")
    List<Path> inputs;

    @Option(names = "--corrections", paramLabel = "FILE", description = "Staff corrections to learn from.")
    Path corrections;

    @Option(names = "--output", paramLabel = "MODEL",
            description = "Where to write the model (default: data/label-model.txt.gz, or data/target-polarity.txt.gz with --polarity).")
    Path output;

    @Option(names = "--polarity", description = "Train the English target polarity model of sentences instead of the label model.")
    boolean polarity;

    @Override
    public Integer call() throws Exception {
        List<LabelledItem> items = new ArrayList<>();
        for (Path input : inputs) items.addAll(EvalSentimentCommand.readItems(input, 0));
        if (corrections != null) {
            Map<String, LabelledItem> corrected = EvalSentimentCommand.corrections(corrections);
            Set<String> used = new HashSet<>();
            for (int i = 0; i < items.size(); i++) {
                LabelledItem c = corrected.get(items.get(i).id());
                if (c == null) continue;
                LabelledItem item = items.get(i);
                items.set(i, new LabelledItem(item.id(), item.title(), item.text(), item.lang(), item.target(), c.label()));
                used.add(c.id());
            }
            corrected.values().stream().filter(c -> !used.contains(c.id()) && !c.text().isBlank()).forEach(items::add);
            System.err.println("monitor: " + used.size() + " corrections applied to items, "
                    + corrected.values().stream().filter(c -> !used.contains(c.id()) && !c.text().isBlank()).count() + " added");
        }
        if (items.isEmpty()) {
            System.err.println("monitor: no labelled items in " + inputs);
            return 2;
        }
        if (polarity) {
            Path to = output != null ? output : Path.of("data", "target-polarity.txt.gz");
            TargetPolarity model = TargetPolarity.train(ChineseSegmenter.shared(), items, line -> System.err.println("monitor: " + line));
            model.save(to);
            System.out.println("saved " + model.version() + " (from " + items.size() + " items) to " + to);
            return 0;
        }
        Path to = output != null ? output : Path.of("data", "label-model.txt.gz");
        TrainedClassifier model = TrainedClassifier.train(ChineseSegmenter.shared(), items, line -> System.err.println("monitor: " + line));
        model.save(to);
        System.out.println("saved " + model.version() + " (" + items.size() + " items, labels " + model.labels() + ") to " + to);
        return 0;
    }
}
