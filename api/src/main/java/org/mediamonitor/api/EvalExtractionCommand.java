package org.mediamonitor.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.mediamonitor.crawler.Extractor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code monitor eval extraction DIR}: scores the extractor on an article-extraction set, read in place.
 *
 * <p>Two layouts are recognised. A folder with {@code ground-truth.jsonl} (the Zyte benchmark and the
 * Chinese web set) is scored with the Zyte metric: multisets of 4-token shingles, per-page counts
 * normalised, precision and recall averaged over pages. A folder with {@code segments.jsonl} (the
 * trafilatura set) is scored with trafilatura's metric: gold segments that must or must not appear in
 * the output, counted over all documents. Speed is the time of {@code Extractor.extract} (decoding and
 * parsing included) on pages already in memory, measured after one warm-up pass.
 */
@Command(name = "extraction", mixinStandardHelpOptions = true,
        description = "Score the extractor on a folder laid out like article-extraction-zyte or -trafilatura.")
final class EvalExtractionCommand implements Callable<Integer> {
    private static final Pattern WORD = Pattern.compile("\\w+", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    @Parameters(paramLabel = "DIR", description = "The evaluation folder (ground-truth.jsonl or segments.jsonl, and html/).")
    Path dir;

    @Option(names = "--show", description = "Print the N pages with the lowest F1 (or the most errors).")
    int show;

    @Option(names = "--predictions", paramLabel = "FILE",
            description = "Also write the extracted texts as JSONL {id, text}, for other scorers.")
    Path predictions;

    @Override
    public Integer call() throws IOException {
        Path zyte = dir.resolve("ground-truth.jsonl");
        Path segments = dir.resolve("segments.jsonl");
        boolean shingles = Files.isRegularFile(zyte);
        if (!shingles && !Files.isRegularFile(segments)) {
            System.err.println("monitor: " + dir + " holds neither ground-truth.jsonl nor segments.jsonl");
            return 2;
        }
        List<Page> pages = read(shingles ? zyte : segments);
        Extractor extractor = new Extractor();
        String[] outputs = new String[pages.size()];
        run(extractor, pages, outputs, new long[pages.size()]); // warm-up: class loading and the JIT
        long[] cpu = new long[pages.size()];
        long[] nanos = run(extractor, pages, outputs, cpu);
        if (predictions != null) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < pages.size(); i++) lines.add(Json.MAPPER.writeValueAsString(Map.of("id", pages.get(i).id(), "text", outputs[i])));
            Files.write(predictions, lines);
        }
        if (shingles) scoreShingles(pages, outputs);
        else scoreSegments(pages, outputs);
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(nanos).average().orElse(0) / 1e6;
        double median = sorted.length == 0 ? 0 : sorted[sorted.length / 2] / 1e6;
        long[] sortedCpu = cpu.clone();
        Arrays.sort(sortedCpu);
        System.out.printf(Locale.ROOT, "speed: median %.2f ms/page, mean %.2f ms/page (%d pages, after a warm-up pass)%n",
                median, mean, pages.size());
        // on a shared machine wall time includes waiting for a core; CPU time of the thread does not
        System.out.printf(Locale.ROOT, "cpu time: median %.2f ms/page, mean %.2f ms/page%n",
                sortedCpu.length == 0 ? 0 : sortedCpu[sortedCpu.length / 2] / 1e6, Arrays.stream(cpu).average().orElse(0) / 1e6);
        return 0;
    }

    /** One page of the set with its gold: a body text, or segments that must and must not appear. */
    private record Page(String id, String url, byte[] html, String gold, List<String> with, List<String> without) {
    }

    private List<Page> read(Path file) throws IOException {
        List<Page> pages = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) continue;
            JsonNode node = Json.MAPPER.readTree(line);
            String id = node.path("id").asText();
            Path html = dir.resolve(node.path("html_file").asText());
            byte[] bytes;
            try (InputStream in = Files.newInputStream(html)) {
                bytes = html.toString().endsWith(".gz") ? new GZIPInputStream(in).readAllBytes() : in.readAllBytes();
            } catch (IOException e) {
                System.err.println("monitor: cannot read page " + id + " (" + html + "): " + e.getMessage());
                bytes = new byte[0];
            }
            String url = node.path("url").asText(null);
            if (url != null && !url.startsWith("http")) url = null; // the trafilatura set names files, not URLs
            pages.add(new Page(id, url, bytes, node.path("articleBody").asText(null),
                    strings(node.path("with")), strings(node.path("without"))));
        }
        return pages;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    /** Extracts every page; returns the wall time of each and fills {@code cpu} with the thread's CPU time. */
    private static long[] run(Extractor extractor, List<Page> pages, String[] outputs, long[] cpu) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] nanos = new long[pages.size()];
        for (int i = 0; i < pages.size(); i++) {
            Page page = pages.get(i);
            long cpuStart = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            try {
                outputs[i] = extractor.extract(page.html(), page.url(), null).text();
            } catch (RuntimeException e) {
                System.err.println("monitor: extraction failed on page " + page.id() + ": " + e);
                outputs[i] = "";
            }
            nanos[i] = System.nanoTime() - start;
            cpu[i] = threads.getCurrentThreadCpuTime() - cpuStart;
        }
        return nanos;
    }

    private void scoreShingles(List<Page> pages, String[] outputs) {
        report("\\w+ tokens (the benchmark's metric)", pages, outputs, false);
        report("Han characters as tokens", pages, outputs, true);
    }

    private void report(String name, List<Page> pages, String[] outputs, boolean hanTokens) {
        double precisionSum = 0, recallSum = 0;
        int precisionPages = 0, recallPages = 0, exact = 0;
        List<Map.Entry<Double, String>> worst = new ArrayList<>();
        for (int i = 0; i < pages.size(); i++) {
            List<String> predicted = tokens(outputs[i], hanTokens);
            List<String> gold = tokens(pages.get(i).gold(), hanTokens);
            if (predicted.equals(gold)) exact++;
            Map<String, Integer> p = shingles(predicted), g = shingles(gold);
            int tp = 0, fp = 0, fn = 0;
            for (Map.Entry<String, Integer> e : p.entrySet()) {
                int both = Math.min(e.getValue(), g.getOrDefault(e.getKey(), 0));
                tp += both;
                fp += e.getValue() - both;
            }
            for (Map.Entry<String, Integer> e : g.entrySet()) fn += e.getValue() - Math.min(e.getValue(), p.getOrDefault(e.getKey(), 0));
            double total = tp + fp + fn;
            double tpn = total == 0 ? 0 : tp / total, fpn = total == 0 ? 0 : fp / total, fnn = total == 0 ? 0 : fn / total;
            double precision, recall;
            if (fp == 0 && fn == 0) {
                precision = recall = 1;
            } else {
                precision = tpn + fpn == 0 ? 0 : tpn / (tpn + fpn);
                recall = tpn + fnn == 0 ? 0 : tpn / (tpn + fnn);
            }
            if (tp + fp > 0) {
                precisionSum += precision;
                precisionPages++;
            }
            if (tp + fn > 0) {
                recallSum += recall;
                recallPages++;
            }
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            worst.add(Map.entry(f1, String.format(Locale.ROOT, "%s P %.3f R %.3f", pages.get(i).id(), precision, recall)));
        }
        double precision = precisionPages == 0 ? 0 : precisionSum / precisionPages;
        double recall = recallPages == 0 ? 0 : recallSum / recallPages;
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        System.out.printf(Locale.ROOT, "%s: precision %.3f recall %.3f F1 %.3f accuracy %.3f (%d pages)%n",
                name, precision, recall, f1, (double) exact / Math.max(1, pages.size()), pages.size());
        if (show > 0 && !hanTokens) {
            worst.sort(Map.Entry.comparingByKey());
            worst.stream().limit(show).forEach(e -> System.out.printf(Locale.ROOT, "  F1 %.3f %s%n", e.getKey(), e.getValue()));
        }
    }

    /** {@code \w+} tokens; with {@code hanTokens} every Han character is a token of its own. */
    private static List<String> tokens(String text, boolean hanTokens) {
        List<String> tokens = new ArrayList<>();
        if (text == null) return tokens;
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            String token = m.group();
            if (!hanTokens) {
                tokens.add(token);
                continue;
            }
            int run = 0;
            for (int i = 0; i < token.length(); ) {
                int c = token.codePointAt(i);
                int next = i + Character.charCount(c);
                if (Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN) {
                    if (run < i) tokens.add(token.substring(run, i));
                    tokens.add(token.substring(i, next));
                    run = next;
                }
                i = next;
            }
            if (run < token.length()) tokens.add(token.substring(run));
        }
        return tokens;
    }

    private static Map<String, Integer> shingles(List<String> tokens) {
        Map<String, Integer> counts = new HashMap<>();
        if (tokens.isEmpty()) return counts;
        if (tokens.size() < 4) {
            counts.put(String.join("\u0001", tokens), 1);
            return counts;
        }
        for (int i = 0; i + 4 <= tokens.size(); i++) counts.merge(String.join("\u0001", tokens.subList(i, i + 4)), 1, Integer::sum);
        return counts;
    }

    private void scoreSegments(List<Page> pages, String[] outputs) {
        long tp = 0, fn = 0, fp = 0, tn = 0;
        List<Map.Entry<Integer, String>> worst = new ArrayList<>();
        for (int i = 0; i < pages.size(); i++) {
            String output = normalise(outputs[i]);
            int missed = 0, kept = 0;
            for (String segment : pages.get(i).with()) {
                if (output.contains(normalise(segment))) tp++;
                else {
                    fn++;
                    missed++;
                }
            }
            for (String segment : pages.get(i).without()) {
                if (output.contains(normalise(segment))) {
                    fp++;
                    kept++;
                } else tn++;
            }
            worst.add(Map.entry(-(missed + kept), pages.get(i).id() + " missed " + missed + " kept-boilerplate " + kept));
        }
        double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
        double recall = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
        double f1 = 2.0 * tp / Math.max(1, 2 * tp + fp + fn);
        double accuracy = (double) (tp + tn) / Math.max(1, tp + tn + fp + fn);
        System.out.printf(Locale.ROOT, "segments (trafilatura's metric): precision %.3f recall %.3f F1 %.3f accuracy %.3f (%d documents)%n",
                precision, recall, f1, accuracy, pages.size());
        if (show > 0) {
            worst.sort(Map.Entry.comparingByKey());
            worst.stream().limit(show).forEach(e -> System.out.println("  " + e.getValue()));
        }
    }

    private static String normalise(String text) {
        return text == null ? "" : WHITESPACE.matcher(text).replaceAll(" ").strip();
    }
}
