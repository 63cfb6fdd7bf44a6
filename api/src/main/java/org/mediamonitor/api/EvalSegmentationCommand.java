package org.mediamonitor.api;

import static org.mediamonitor.api.SegmentationDisagreements.Kind.CROSSING;
import static org.mediamonitor.api.SegmentationDisagreements.Kind.OTHER_STANDARD;
import static org.mediamonitor.api.SegmentationDisagreements.Kind.UNATTESTED;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.mediamonitor.classifier.ChineseScript;
import org.mediamonitor.classifier.ChineseSegmenter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code monitor eval segmentation FILE.jsonl}: scores the Chinese segmenter on a file laid out like
 * the SIGHAN 2005 halves ({@code input}, {@code gold_words}), with the bakeoff's measure: a word is right
 * when its character span equals a gold word's span; precision, recall, F, and recall of words in and
 * out of the corpus's training word list. Also prints the segmenter's speed in characters per second of
 * wall time and of the segmenting thread's CPU time (the second is the speed per core on a busy machine).
 */
@Command(name = "segmentation", mixinStandardHelpOptions = true,
        description = "Score the Chinese segmenter on a SIGHAN 2005 file (JSONL with input and gold_words).")
final class EvalSegmentationCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE.jsonl", description = "Lines of {\"input\": ..., \"gold_words\": [...]}.")
    Path file;

    @Option(names = "--words", paramLabel = "FILE",
            description = "Training word list that defines out-of-vocabulary words (default: <corpus>_training_words.utf8 beside FILE).")
    Path words;

    @Option(names = "--model", paramLabel = "MODEL",
            description = "ctb, ctb.small or pku for all text, or for Traditional text when --simplified-model is given (default: the product's).")
    String model;

    @Option(names = "--simplified-model", paramLabel = "MODEL",
            description = "ctb, ctb.small or pku for Simplified text (default: the product's, or --model when that is given).")
    String simplifiedModel;

    @Option(names = "--no-conversion", description = "Give Traditional text to the model as it is.")
    boolean noConversion;

    @Option(names = "--no-repair", description = "Skip the pass that joins numbers, dates and names.")
    boolean noRepair;

    @Option(names = "--errors", paramLabel = "N", description = "Print the first N lines that differ from the gold.")
    int errors;

    @Option(names = "--passes", paramLabel = "N",
            description = "Segment the file N times and report the last pass, so that speed is measured after the JIT has warmed up (default 1).")
    int passes = 1;

    @Option(names = "--json", description = "Print the scores as one JSON object.")
    boolean json;

    @Option(names = "--disagreements",
            description = "Sort the differences from the gold into words split or joined as another corpus's standard has them "
                    + "(its *_training_words.utf8 beside FILE), other splits and joins, and crossed boundaries, "
                    + "with the F if each kind were right.")
    boolean disagreements;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(file)) {
            System.err.println("monitor: no such file: " + file);
            return 2;
        }
        List<JsonNode> lines = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int number = 0;
            for (String line; (line = in.readLine()) != null; ) {
                number++;
                if (line.isBlank()) continue;
                JsonNode node;
                try {
                    node = Json.MAPPER.readTree(line);
                } catch (Exception e) {
                    System.err.println("monitor: " + file + " line " + number + ": not JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
                    return 2;
                }
                if (!node.path("input").isTextual() || !node.path("gold_words").isArray()) {
                    System.err.println("monitor: " + file + " line " + number + ": needs \"input\" and \"gold_words\"");
                    return 2;
                }
                lines.add(node);
            }
        }
        Path ownList = wordList(lines);
        Set<String> vocabulary = vocabulary(ownList);
        SegmentationDisagreements sorted = null;
        if (disagreements) {
            Set<String> others = otherStandards(ownList);
            if (others == null) return 2;
            sorted = new SegmentationDisagreements(w -> others.contains(ChineseScript.fold(w)));
        }
        ChineseSegmenter.Configuration configuration;
        try {
            ChineseSegmenter.Configuration shipped = ChineseSegmenter.Configuration.DEFAULT;
            String traditional = model != null ? model : shipped.model();
            String simplified = simplifiedModel != null ? simplifiedModel : model != null ? model : shipped.simplifiedModel();
            configuration = new ChineseSegmenter.Configuration(traditional, !noConversion, !noRepair, simplified);
        } catch (IllegalArgumentException e) {
            System.err.println("monitor: " + e.getMessage());
            return 2;
        }
        ChineseSegmenter segmenter = ChineseSegmenter.load(configuration);

        SegmentationScore score = new SegmentationScore();
        // CPU time of this thread as well as wall time: on a busy machine the wall clock measures the neighbours
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long chars = 0, nanos = 0, cpuNanos = 0;
        int shown = 0;
        for (int pass = 1; pass < passes; pass++) {
            for (JsonNode node : lines) segmenter.segment(node.get("input").asText());
        }
        for (JsonNode node : lines) {
            String input = node.get("input").asText();
            List<String> gold = new ArrayList<>();
            node.get("gold_words").forEach(w -> gold.add(w.asText()));
            long started = System.nanoTime(), cpuStarted = cpu.getCurrentThreadCpuTime();
            List<ChineseSegmenter.Word> predicted = segmenter.segment(input);
            nanos += System.nanoTime() - started;
            cpuNanos += cpu.getCurrentThreadCpuTime() - cpuStarted;
            chars += input.length();
            List<String> predictedWords = predicted.stream().map(ChineseSegmenter.Word::text).toList();
            score.add(gold, predictedWords, vocabulary);
            if (sorted != null) sorted.add(gold, predictedWords);
            if (shown < errors && !predictedWords.equals(gold)) {
                shown++;
                System.out.println("gold: " + String.join(" ", gold));
                System.out.println("ours: " + String.join(" ", predictedWords));
            }
        }
        double charsPerSecond = nanos == 0 ? 0 : chars * 1e9 / nanos;
        double charsPerCpuSecond = cpuNanos <= 0 ? 0 : chars * 1e9 / cpuNanos;
        if (json) {
            var out = Json.MAPPER.createObjectNode();
            out.put("file", file.toString()).put("configuration", segmenter.toString()).put("lines", lines.size())
                    .put("precision", score.precision()).put("recall", score.recall()).put("f", score.f())
                    .put("oovRate", score.oovRate()).put("oovRecall", score.oovRecall()).put("ivRecall", score.ivRecall())
                    .put("charsPerSecond", Math.round(charsPerSecond)).put("charsPerCpuSecond", Math.round(charsPerCpuSecond));
            if (sorted != null) {
                out.putObject("disagreements")
                        .put("otherStandard", sorted.stretches(OTHER_STANDARD)).put("unattested", sorted.stretches(UNATTESTED))
                        .put("crossing", sorted.stretches(CROSSING)).put("linesNotSorted", sorted.skippedLines())
                        .put("fIfCrossingRight", sorted.fIfRight(EnumSet.of(CROSSING)))
                        .put("fIfAllButOtherStandardRight", sorted.fIfRight(EnumSet.of(CROSSING, UNATTESTED)))
                        .put("fIfOtherStandardRight", sorted.fIfRight(EnumSet.of(OTHER_STANDARD)));
            }
            System.out.println(Json.MAPPER.writeValueAsString(out));
        } else {
            System.out.printf(Locale.ROOT, "%s  %s  %d lines%n", file.getFileName(), segmenter, lines.size());
            System.out.printf(Locale.ROOT,
                    "P %.3f  R %.3f  F %.3f  OOV rate %.3f  OOV recall %.3f  IV recall %.3f  %,.0f chars/s (%,.0f per CPU second)%n",
                    score.precision(), score.recall(), score.f(), score.oovRate(), score.oovRecall(), score.ivRecall(),
                    charsPerSecond, charsPerCpuSecond);
            if (sorted != null) {
                System.out.printf(Locale.ROOT,
                        "Differences from the gold: %,d stretches split or joined as another corpus's standard has them, "
                                + "%,d split or joined otherwise, %,d crossing the gold's boundaries%s%n",
                        sorted.stretches(OTHER_STANDARD), sorted.stretches(UNATTESTED), sorted.stretches(CROSSING),
                        sorted.skippedLines() == 0 ? "" : " (" + sorted.skippedLines() + " lines whose gold differs from the input not sorted)");
                System.out.printf(Locale.ROOT,
                        "F if right: every crossing stretch %.3f; every stretch but those of another standard %.3f; "
                                + "only those of another standard %.3f%n",
                        sorted.fIfRight(EnumSet.of(CROSSING)), sorted.fIfRight(EnumSet.of(CROSSING, UNATTESTED)),
                        sorted.fIfRight(EnumSet.of(OTHER_STANDARD)));
            }
        }
        return 0;
    }

    /**
     * The words of the other corpora's standards: every {@code *_training_words.utf8} in the folder of
     * this corpus's list, this corpus's own excepted, folded to one script; null (and a message) when
     * there is none.
     */
    private Set<String> otherStandards(Path ownList) throws Exception {
        Path folder = (ownList != null ? ownList : file).toAbsolutePath().getParent();
        Set<String> words = new HashSet<>();
        List<String> names = new ArrayList<>();
        try (var files = Files.list(folder)) {
            for (Path list : files.filter(f -> f.getFileName().toString().endsWith("_training_words.utf8")).sorted().toList()) {
                if (ownList != null && Files.exists(ownList) && Files.isSameFile(list, ownList)) continue;
                names.add(list.getFileName().toString());
                for (String w : Files.readAllLines(list, StandardCharsets.UTF_8)) {
                    if (!w.isBlank()) words.add(ChineseScript.fold(w.strip()));
                }
            }
        }
        if (names.isEmpty()) {
            System.err.println("monitor: --disagreements needs other corpora's *_training_words.utf8 in " + folder);
            return null;
        }
        System.err.println("other standards: " + String.join(", ", names));
        return words;
    }

    /** The corpus's training word list: --words, or the one named after the corpus beside FILE. */
    private Path wordList(List<JsonNode> lines) {
        Path list = words;
        if (list == null && !lines.isEmpty() && lines.getFirst().path("corpus").isTextual()) {
            list = file.toAbsolutePath().resolveSibling(lines.getFirst().get("corpus").asText() + "_training_words.utf8");
        }
        return list;
    }

    private Set<String> vocabulary(Path list) throws Exception {
        Set<String> vocabulary = new HashSet<>();
        if (list != null && Files.isRegularFile(list)) {
            for (String w : Files.readAllLines(list, StandardCharsets.UTF_8)) {
                if (!w.isBlank()) vocabulary.add(w.strip());
            }
        } else {
            System.err.println("monitor: no training word list" + (list == null ? "" : " at " + list)
                    + "; every word counts as out of vocabulary");
        }
        return vocabulary;
    }
}
