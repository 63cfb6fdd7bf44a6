package org.mediamonitor.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.mediamonitor.classifier.ChineseSegmenter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code monitor bench segmentation}: the Chinese segmenter's speed (the shared segmenter: a CoreNLP
 * model for each script, with the Traditional→Simplified pass) over Chinese sentences of both scripts,
 * beside splitting the same text into characters.
 * The sentences are the demo articles' and, when the evaluation data is present, the test inputs of
 * cws-sighan2005 in both scripts, read in place.
 */
@Command(name = "segmentation", mixinStandardHelpOptions = true,
        description = "Time the Chinese segmenter against splitting the same text into characters.")
final class BenchSegmentationCommand extends BenchAllCommand.Stage {


    @Option(names = "--shared", paramLabel = "DIR", description = "Evaluation data folder whose cws-sighan2005 test inputs are added when present (default: ../shared/data).")
    Path shared = Path.of("../shared/data");

    @Option(names = "--chars", paramLabel = "N", description = "Characters of text to segment a round (default: 60000, quick: 8000).")
    Integer chars;

    @Option(names = "--seconds", paramLabel = "S", description = "Time for the timed rounds (default: 20, quick: 3).")
    Double seconds;

    @Override
    List<BenchAllCommand.Figure> measure(boolean quick) throws Exception {
        List<String> lines = text(chars != null ? chars : quick ? 8_000 : 60_000);
        long total = lines.stream().mapToLong(String::length).sum();
        ChineseSegmenter segmenter = ChineseSegmenter.shared();
        long[] sink = new long[1];
        long[] nanos = BenchAllCommand.race(
                () -> { for (String line : lines) sink[0] += segmenter.segment(line).size(); },
                () -> {
                    for (String line : lines) {
                        List<String> characters = new ArrayList<>(line.length());
                        line.codePoints().forEach(c -> characters.add(Character.toString(c)));
                        sink[0] += characters.size();
                    }
                },
                seconds != null ? seconds : quick ? 3 : 20, 3, true);
        String what = String.format(Locale.ROOT, "segmentation (%,d chars in %,d lines)", total, lines.size());
        return List.of(new BenchAllCommand.Figure(what, BenchAllCommand.perSecond(total, nanos[0]), "chars/s",
                "split into characters", BenchAllCommand.perSecond(total, nanos[1])));
    }

    /** Chinese lines of about {@code most} characters in all: the demo's paragraphs first, then the evaluation inputs. */
    List<String> text(int most) throws IOException {
        List<String> lines = new ArrayList<>();
        try (DemoSite site = new DemoSite()) {
            for (DemoSite.Article a : site.articles()) {
                if (a.language().startsWith("zh")) lines.addAll(a.paragraphs());
            }
        }
        if (shared != null && Files.isDirectory(shared.resolve("cws-sighan2005"))) {
            // as and cityu are Traditional, pku and msr Simplified: take from each in turn
            List<List<String>> sets = new ArrayList<>();
            for (String set : List.of("as", "msr", "cityu", "pku")) {
                Path file = shared.resolve("cws-sighan2005").resolve(set + "_test_input_shared.utf8");
                if (!Files.isRegularFile(file)) continue;
                try (Stream<String> in = Files.lines(file, StandardCharsets.UTF_8)) {
                    sets.add(in.map(String::strip).filter(l -> !l.isEmpty()).limit(most / 4 / 10 + 1).toList());
                }
            }
            int longest = sets.stream().mapToInt(List::size).max().orElse(0);
            for (int i = 0; i < longest; i++) {
                for (List<String> set : sets) if (i < set.size()) lines.add(set.get(i));
            }
        }
        List<String> taken = new ArrayList<>();
        long chars = 0;
        for (int i = 0; chars < most && !lines.isEmpty(); i++) {
            String line = lines.get(i % lines.size());
            taken.add(line);
            chars += line.length();
        }
        return taken;
    }
}
