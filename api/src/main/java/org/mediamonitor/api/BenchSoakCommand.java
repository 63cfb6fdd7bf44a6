package org.mediamonitor.api;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.Year;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.mediamonitor.model.Source;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code monitor bench soak}: runs the service for a long time crawling a local site whose content
 * keeps changing ({@link SoakSite}) while a few clients search it, samples the process every half
 * minute (heap after a full collection, open files, threads) and writes the curve and its summary to
 * {@code docs/SOAK.md}: a service that runs for years must keep these flat.
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = "Run the service crawling a changing local site under search load; sample heap, open files and threads; write docs/SOAK.md.")
final class BenchSoakCommand implements Callable<Integer> {

    @Option(names = "--minutes", paramLabel = "N", description = "How long to run (default: ${DEFAULT-VALUE}).", defaultValue = "60")
    double minutes;

    @Option(names = "--sample", paramLabel = "DURATION", description = "Time between two samples (default: ${DEFAULT-VALUE}).", defaultValue = "30s")
    String sample;

    @Option(names = "--full-gc-every", paramLabel = "N",
            description = "Force a full collection at every N-th sample (and the first and last) for the exact heap in use (default: ${DEFAULT-VALUE}).",
            defaultValue = "10")
    int fullGcEvery;

    @Option(names = "--clients", paramLabel = "N", description = "Concurrent search clients (default: ${DEFAULT-VALUE}).", defaultValue = "3")
    int clients;

    @Option(names = "--pause", paramLabel = "DURATION", description = "Pause of a client between two requests (default: ${DEFAULT-VALUE}).", defaultValue = "50ms")
    String pause;

    @Option(names = "--new-every", paramLabel = "DURATION", description = "Time between two new articles on the site (default: ${DEFAULT-VALUE}).", defaultValue = "3s")
    String newEvery;

    @Option(names = "--recheck", paramLabel = "DURATION", description = "How often the service visits each feed (default: ${DEFAULT-VALUE}).", defaultValue = "10s")
    String recheck;

    @Option(names = "--out", paramLabel = "FILE", description = "Markdown report to write (default: ${DEFAULT-VALUE}).", defaultValue = "docs/SOAK.md")
    Path out;

    @Option(names = "--csv", paramLabel = "FILE", description = "Also write the samples to this CSV file as they are taken.")
    Path csv;

    @Option(names = "--data", paramLabel = "DIR", description = "Data folder of the service (default: a new temporary folder, deleted afterwards).")
    Path data;

    /** Words staff search for, in the site's three languages and scripts. */
    private static final String[] QUERIES = {"Taiwan", "president", "election", "trade", "semiconductor", "strait", "typhoon",
        "臺灣", "台湾", "選舉", "选举", "經濟", "两岸", "Taiwan OR 兩岸", "chip AND export"};

    @Override
    public Integer call() throws Exception {
        Duration every = Settings.duration(sample), wait = Settings.duration(pause);
        if (minutes <= 0 || clients < 0 || fullGcEvery < 1 || every.isZero() || every.isNegative()) {
            throw new IllegalArgumentException("--minutes, --sample and --full-gc-every must be positive, --clients not negative");
        }
        Path folder = data != null ? data : Files.createTempDirectory("media-monitor-soak-");
        SoakCurve curve = new SoakCurve();
        AtomicLong requests = new AtomicLong(), failures = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        Instant started = Instant.now();
        try (SoakSite site = new SoakSite(Settings.duration(newEvery), 7);
             Service service = new Service(localService(folder, site.sources(Settings.duration(recheck)), recheck));
             PrintWriter live = csv == null ? null : new PrintWriter(Files.newBufferedWriter(csv), true)) {
            System.out.printf(Locale.ROOT, "soak: %.1f min, service on port %d crawling %s, %d search clients; sample every %s%n",
                    minutes, service.port(), site.baseUrl(), clients, sample);
            if (live != null) live.println(SoakCurve.Sample.CSV_HEADER);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            ExecutorService load = Executors.newFixedThreadPool(Math.max(1, clients), r -> new Thread(r, "soak-client"));
            List<String> lastFailure = new ArrayList<>(List.of(""));
            for (int c = 0; c < clients; c++) {
                SplittableRandom random = new SplittableRandom(c);
                load.submit(() -> {
                    while (!stop.get()) {
                        String path = request(random);
                        try {
                            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path))
                                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
                            if (response.statusCode() != 200) {
                                failures.incrementAndGet();
                                synchronized (lastFailure) {
                                    lastFailure.set(0, response.statusCode() + " " + path);
                                }
                            }
                        } catch (IOException | RuntimeException e) {
                            failures.incrementAndGet();
                            synchronized (lastFailure) {
                                lastFailure.set(0, e + " " + path);
                            }
                        } catch (InterruptedException e) {
                            return;
                        }
                        requests.incrementAndGet();
                        if (!wait.isZero()) {
                            try {
                                Thread.sleep(wait);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    }
                });
            }
            long end = System.nanoTime() + (long) (minutes * 60e9);
            long first = System.nanoTime();
            for (long next = first, taken = 0; ; next += every.toNanos(), taken++) {
                long sleep = next - System.nanoTime();
                if (sleep > 0) TimeUnit.NANOSECONDS.sleep(sleep);
                boolean last = next + every.toNanos() > end + every.toNanos() / 2;
                double minute = (System.nanoTime() - first) / 60e9;
                SoakCurve.Sample s = SoakCurve.measure(minute, last || taken % fullGcEvery == 0, service.index().size(),
                        site.published(), requests.get(), failures.get());
                curve.add(s);
                if (live != null) live.println(s.csv());
                System.out.printf(Locale.ROOT, "%6.1f min  heap %7.1f MB (full GC: %7.1f MB in %d ms)  fds %4d  threads %3d  items %6d/%d  requests %,d (%d failed)%n",
                        minute, s.heapMb(), s.fullHeapMb(), s.gcMillis(), s.fileDescriptors(), s.threads(), s.items(), s.articles(),
                        s.requests(), s.failures());
                if (last) break;
            }
            stop.set(true);
            load.shutdownNow();
            load.awaitTermination(30, TimeUnit.SECONDS);
            http.close();
            String report = report(curve, started, site.published(), service.index().size(), requests.get(), failures.get(),
                    lastFailure.getFirst());
            if (out.getParent() != null) Files.createDirectories(out.getParent());
            Files.writeString(out, report);
            System.out.print(curve.summaryTable());
            System.out.println("wrote " + out);
            // closing interrupts a crawl in progress; let the current pass end first, as an operator's stop would
            for (int waited = 0; service.pipeline().status().running() && waited < 600; waited++) Thread.sleep(100);
        } finally {
            if (data == null) delete(folder);
        }
        return 0;
    }

    private static String request(SplittableRandom random) {
        String q = URLEncoder.encode(QUERIES[random.nextInt(QUERIES.length)], StandardCharsets.UTF_8);
        return switch (random.nextInt(6)) {
            case 0 -> "/api/v1/kpi?year=" + Year.now().getValue();
            case 1 -> "/api/v1/search?q=" + q + "&label=negative";
            case 2 -> "/api/v1/search?q=" + q + "&size=50";
            default -> "/api/v1/search?q=" + q;
        };
    }

    private String report(SoakCurve curve, Instant started, long articles, long items, long requests, long failures, String failureExample) {
        List<SoakCurve.Sample> samples = curve.samples();
        double length = samples.isEmpty() ? 0 : samples.getLast().minute();
        return "# Soak\n\n"
                + "Written by `./monitor bench soak --minutes " + format(minutes) + "` started on " + started.truncatedTo(ChronoUnit.SECONDS)
                + ". The service ran in-process for " + format(length) + " minutes, crawling a local site whose content\n"
                + "keeps changing (a new generated article every " + newEvery + " across three outlets in English, Traditional and\n"
                + "Simplified Chinese; each page's \"latest\" box and update note change as it is read), visiting each feed\n"
                + "every " + recheck + ", while " + clients + " clients searched it without pause but " + pause
                + " between requests (search with and without filters, bigger pages, the KPI).\n"
                + "Every " + sample + " the run samples the heap in use after the most recent collection (as the collector\n"
                + "recorded it), the open file descriptors of the process (`/proc/self/fd`) and its live threads; at every\n"
                + fullGcEvery + "th sample, the first and the last it also forces a full collection for the exact heap in use, which stops\n"
                + "the process for the time in the `forced_gc_ms` column (long on a busy machine: Vert.x may then warn of a\n"
                + "blocked event loop).\n\n"
                + "## Machine\n\n" + BenchAllCommand.machine() + "\n"
                + "## Summary\n\n" + curve.summaryTable() + "\n"
                + String.format(Locale.ROOT, "Work done: %,d articles published on the site, %,d items in the index at the end; "
                        + "%,d requests answered, %,d failed%s.%n%n", articles, items, requests, failures,
                failures == 0 ? "" : " (last: " + failureExample + ")")
                + "The first window holds the warm-up (the segmenter's model loads, caches fill, the index's first segments\n"
                + "are written); the slope is fitted after it. A leak shows as a steady slope, above all in the heap after a\n"
                + "forced full GC; the heap after the last collection saws up and down (old garbage waits for G1's mixed\n"
                + "collections), which is why its maximum stands far above its mean.\n\n"
                + "## Curve\n\n```csv\n" + curve.csv() + "```\n\n"
                + "## Rerun\n\n```\n./mvnw -B -q -pl api -am package -DskipTests\n"
                + "nice -n 10 ./monitor bench soak --minutes 60 --csv /tmp/soak.csv   # --out FILE writes the report elsewhere\n```\n";
    }

    private static String format(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }

    /**
     * Settings for a service on loopback that crawls {@code sources} every {@code interval}, lets anyone
     * read, and does not limit the request rate (load tests come from one address).
     */
    static Settings localService(Path data, List<Source> sources, String interval) throws IOException {
        Path file = Files.createTempFile("media-monitor-bench-", ".yaml");
        try {
            Files.writeString(file, """
                    server:
                      host: 127.0.0.1
                      port: 0
                      anonymous-read: true
                      max-requests-per-minute: 2000000000
                    crawler:
                      per-host-delay: 0ms
                      interval: %s
                    """.formatted(interval));
            return Settings.load(file).withData(data).withSources(sources);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    static void delete(Path folder) throws IOException {
        if (!Files.exists(folder)) return;
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
