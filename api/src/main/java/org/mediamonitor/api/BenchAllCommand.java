package org.mediamonitor.api;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.math.MathContext;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code monitor bench all}: runs every stage's benchmark (extraction, segmentation, classification,
 * indexing, search, the HTTP API) and writes their figures, each beside a baseline measured in the same
 * run, with the machine and the date, to {@code docs/BENCHMARKS.md}. The baseline makes the figures
 * comparable between runs on a busy or a different machine: the ratio moves when the code does.
 */
@Command(name = "all", mixinStandardHelpOptions = true,
        description = "Run every benchmark and write the table of figures, each as a ratio to a baseline of the same run, to a Markdown file.")
final class BenchAllCommand implements Callable<Integer> {

    @Option(names = "--quick", description = "Small inputs and short rounds (about two minutes in all) instead of the full run.")
    boolean quick;

    @Option(names = "--out", paramLabel = "FILE", description = "Markdown file to write (default: ${DEFAULT-VALUE}).",
            defaultValue = "docs/BENCHMARKS.md")
    Path out;

    @Option(names = "--skip", split = ",", paramLabel = "STAGE",
            description = "Stages to leave out: extraction, segmentation, classification, indexing, search, api.")
    List<String> skip = new ArrayList<>();

    /**
     * One measured figure beside its baseline, both as throughputs in the same unit (more is faster).
     *
     * @param what     what was measured
     * @param value    its throughput
     * @param unit     the unit of both throughputs
     * @param baseline what the baseline did
     * @param base     the baseline's throughput
     */
    record Figure(String what, double value, String unit, String baseline, double base) {
        /** The figure as a share of the baseline's throughput: 0.25 means four times the baseline's time. */
        double ratio() {
            return base == 0 ? Double.NaN : value / base;
        }
    }

    /** A stage's benchmark, at full or quick size. */
    /** A stage of the benchmark: run alone as its own command, or as part of {@code bench all}. */
    abstract static class Stage implements Callable<Integer> {
        @Option(names = "--quick", description = "A smaller, shorter run.")
        boolean quick;

        abstract List<Figure> measure(boolean quick) throws Exception;

        @Override
        public Integer call() throws Exception {
            System.out.print(table(measure(quick)));
            return 0;
        }
    }

    @Override
    public Integer call() throws Exception {
        List<String> known = List.of("extraction", "segmentation", "classification", "indexing", "search", "api");
        for (String s : skip) if (!known.contains(s)) throw new IllegalArgumentException("--skip: unknown stage '" + s + "'; stages: " + known);
        Instant started = Instant.now();
        List<Figure> figures = new ArrayList<>();
        List<Stage> stages = new ArrayList<>();
        if (!skip.contains("extraction")) stages.add(new BenchExtractionCommand());
        if (!skip.contains("segmentation")) stages.add(new BenchSegmentationCommand());
        if (!skip.contains("classification")) stages.add(new BenchClassificationCommand());
        if (!skip.contains("indexing")) stages.add(new BenchIndexingCommand());
        if (!skip.contains("search")) stages.add(new BenchSearchCommand());
        if (!skip.contains("api")) stages.add(new BenchApiCommand());
        for (Stage stage : stages) {
            List<Figure> found = stage.measure(quick);
            System.out.print(table(found));
            figures.addAll(found);
        }
        String markdown = markdown(figures, started, quick);
        if (out.getParent() != null) Files.createDirectories(out.getParent());
        Files.writeString(out, markdown);
        System.out.println("wrote " + out);
        return 0;
    }

    static String markdown(List<Figure> figures, Instant started, boolean quick) {
        return "# Benchmarks\n\n"
                + "Written by `./monitor bench all" + (quick ? " --quick" : "") + "` on " + started.truncatedTo(ChronoUnit.SECONDS)
                + ". Each figure is a throughput (more is faster) beside a baseline measured in the same run, in the same\n"
                + "unit, on the same input; **ratio** = figure ÷ baseline. The machine is shared and noisy, so the absolute\n"
                + "figures move from run to run; the ratios are what to compare between runs and commits.\n"
                + "Subject and baseline are timed in alternating rounds after a warm-up round of each; each throughput is the\n"
                + "median of its rounds. Single-threaded stages (extraction, segmentation, classification, search) are timed in CPU\n"
                + "time of the thread, which waiting for a core on a busy machine does not inflate; indexing (Lucene merges on\n"
                + "threads of its own) in wall time; the API by `wrk` in requests a second.\n\n"
                + "## Machine\n\n" + machine() + "\n"
                + "## Figures\n\n" + table(figures) + "\n"
                + "## What each line measures\n\n"
                + "- **extraction**: `Extractor.extract` (title, text, date, author, language) over article pages: the demo\n"
                + "  site's articles as it serves them, and the HTML pages of `../shared/data/article-extraction-*` read in place\n"
                + "  when that folder is present. Baseline: `Jsoup.parse` of the same bytes and `text()` of the document.\n"
                + "- **segmentation**: `ChineseSegmenter.shared().segment` (CoreNLP CTB model, Traditional text converted\n"
                + "  first) over Chinese sentences: the demo articles' and, when present, the test inputs of\n"
                + "  `../shared/data/cws-sighan2005` (both scripts). Baseline: splitting the same text into characters.\n"
                + "- **classification**: the service's classifier (`LexiconClassifier`) over generated news items in English,\n"
                + "  Traditional and Simplified Chinese. Baseline: tokenising only: the same CoreNLP tokenizer and sentence\n"
                + "  splitter for English, the same segmenter for Chinese.\n"
                + "- **indexing**: `ItemIndex.addAll` of generated items (words pre-segmented, as the pipeline hands them over),\n"
                + "  commit included. Baseline: a Lucene index of the same items (id, source, title, text) with\n"
                + "  `StandardAnalyzer` only.\n"
                + "- **search**: `ItemIndex.search` (a page of 20 hits with facets, snippets and the exact total) for one-word\n"
                + "  queries. Baseline: a `TermQuery` for the same word on the text field of the same index (top 20).\n"
                + "- **api**: `wrk` against the service started in-process on a loopback port over an index of generated items,\n"
                + "  anonymous read on: searches with a new word and start day at each request (each answer computed by the index),\n"
                + "  the same 50 one-word searches in turn and the year's KPI (both answered from the service's response cache\n"
                + "  once computed, as the index does not change during the run). Baseline: `GET /health` (which reads the index\n"
                + "  size and the crawler's status, never cached) in the same run, with the same connections and threads.\n\n"
                + "## Rerun\n\n"
                + "```\n"
                + "./mvnw -B -q -pl api -am package -DskipTests\n"
                + "./monitor bench all            # full run, about 8 minutes on 2 busy cores; --quick: about 3 minutes\n"
                + "./monitor bench extraction     # or one stage: segmentation, classification, indexing, search, api\n"
                + "```\n\n"
                + "Each stage prints its own lines; `bench all` writes this file (`--out FILE` for another). The API\n"
                + "benchmark needs `wrk` on the PATH. `./monitor bench index` measures the index at scale (10⁵ items, typical\n"
                + "staff queries with facets and counts) in absolute terms.\n";
    }

    /** The figures as a Markdown table. */
    static String table(List<Figure> figures) {
        StringBuilder out = new StringBuilder("| what | figure | unit | baseline | baseline figure | ratio |\n|---|---:|---|---|---:|---:|\n");
        for (Figure f : figures) {
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", f.what(), number(f.value()), f.unit(),
                    f.baseline(), number(f.base()), ratio(f.ratio())));
        }
        return out.toString();
    }

    /** Three significant digits, written out: 0.233, 0.000880, 12.3. */
    static String ratio(double value) {
        if (!Double.isFinite(value)) return "n/a";
        return new BigDecimal(value).round(new MathContext(3)).toPlainString();
    }

    private static String number(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.2f", value);
    }

    /** CPU model, cores, memory and JDK of this machine, as a Markdown list. */
    static String machine() {
        String cpu = "unknown CPU";
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            cpu = lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse(cpu);
        } catch (IOException | RuntimeException e) {
            // not Linux: the JVM still says how many cores there are
        }
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return String.format(Locale.ROOT, "- CPU: %s, %d cores available to the JVM%n- memory: %.1f GB, JVM max heap %.1f GB%n"
                        + "- JDK: %s %s (%s)%n- OS: %s %s; load average at the start %.2f%n",
                cpu, Runtime.getRuntime().availableProcessors(), memory / 1e9, Runtime.getRuntime().maxMemory() / 1e9,
                System.getProperty("java.vm.name"), Runtime.version(), System.getProperty("java.vm.vendor"),
                System.getProperty("os.name"), System.getProperty("os.version"), load);
    }

    /**
     * Times {@code subject} and {@code baseline} in alternating rounds after one warm-up round of each,
     * for about {@code seconds} in all (at least {@code minRounds} rounds), and gives each one's median
     * time of a round in nanoseconds: alternating keeps a burst of load from other processes from
     * landing on one side only. With {@code cpu}, the time is the CPU time of this thread, which waiting
     * for a core on a shared machine does not inflate; work done on other threads is then not counted.
     */
    static long[] race(Runnable subject, Runnable baseline, double seconds, int minRounds, boolean cpu) {
        subject.run();
        baseline.run();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        LongSupplier clock = cpu && threads.isCurrentThreadCpuTimeSupported() ? threads::getCurrentThreadCpuTime : System::nanoTime;
        List<Long> a = new ArrayList<>(), b = new ArrayList<>();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (a.size() < minRounds || System.nanoTime() < deadline) {
            long t0 = clock.getAsLong();
            subject.run();
            long t1 = clock.getAsLong();
            baseline.run();
            long t2 = clock.getAsLong();
            a.add(t1 - t0);
            b.add(t2 - t1);
            if (a.size() >= 1000) break;
        }
        return new long[] {median(a), median(b)};
    }

    private static long median(List<Long> values) {
        long[] sorted = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** Throughput in units a second for {@code units} done in {@code nanos}. */
    static double perSecond(double units, long nanos) {
        return nanos == 0 ? 0 : units / (nanos / 1e9);
    }
}
