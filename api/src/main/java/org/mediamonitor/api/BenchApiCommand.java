package org.mediamonitor.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mediamonitor.index.ItemIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code monitor bench api}: the HTTP API under {@code wrk}. The service starts in this process on a
 * free loopback port over an index of generated items; {@code wrk} then loads searches (a new word and
 * start day each request, and the same 50 words in turn, which the service may answer from what it
 * keeps for an unchanged index), the year's KPI, and {@code GET /health} as the baseline, in
 * alternating rounds with the same threads and connections.
 */
@Command(name = "api", mixinStandardHelpOptions = true,
        description = "Load the HTTP API with wrk (search, KPI) against GET /health on the same service.")
final class BenchApiCommand extends BenchAllCommand.Stage {


    @Option(names = "--items", paramLabel = "N", description = "Generated items in the index (default: 10000, quick: 2000).")
    Integer items;

    @Option(names = "--duration", paramLabel = "S", description = "Seconds of each wrk run (default: 10, quick: 3).")
    Integer duration;

    @Option(names = "--rounds", paramLabel = "N", description = "Rounds of health, search and KPI runs (default: 3, quick: 1).")
    Integer rounds;

    @Option(names = "--connections", paramLabel = "N", description = "wrk connections (default: ${DEFAULT-VALUE}).")
    int connections = 8;

    @Option(names = "--threads", paramLabel = "N", description = "wrk threads (default: ${DEFAULT-VALUE}).")
    int threads = 2;

    @Option(names = "--wrk", paramLabel = "PROGRAM", description = "The wrk program (default: ${DEFAULT-VALUE}).")
    String wrk = "wrk";

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
    private static final Pattern BAD = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern ERRORS = Pattern.compile("Socket errors:.*");

    @Override
    List<BenchAllCommand.Figure> measure(boolean quick) throws Exception {
        int n = items != null ? items : quick ? 2_000 : 10_000;
        int seconds = duration != null ? duration : quick ? 3 : 10;
        int times = rounds != null ? rounds : quick ? 1 : 3;
        if (n < 1 || seconds < 1 || times < 1 || connections < 1 || threads < 1) {
            throw new IllegalArgumentException("--items, --duration, --rounds, --connections and --threads must be positive");
        }
        Path folder = Files.createTempDirectory("media-monitor-bench-api-");
        try {
            BenchIndexCommand.Generator generator = new BenchIndexCommand.Generator(42);
            Path indexFolder = folder.resolve("index");
            Files.createDirectories(indexFolder);
            try (ItemIndex index = new ItemIndex(indexFolder, ItemIndex.Options.defaults(indexFolder).withSources(generator::source))) {
                BenchSearchCommand.fill(index, generator, n);
            }
            StringBuilder words = new StringBuilder("local words = {");
            for (String w : BenchSearchCommand.words(generator, 50)) words.append('"').append(w).append("\",");
            words.append("}\nlocal i = 0\n");
            // the same 50 searches in turn: after the first round, answers the service may keep for an unchanged index
            Path repeated = folder.resolve("repeated.lua");
            Files.writeString(repeated, words + "request = function()\n  i = i + 1\n"
                    + "  return wrk.format(\"GET\", \"/api/v1/search?q=\" .. words[i % #words + 1])\nend\n", StandardCharsets.UTF_8);
            // a new word and start day at each request (50 words x 1,800 days): each answer is computed by the index.
            // Each wrk thread of each round walks its own stretch of the 90,000 searches (its slot is given as
            // arguments), so no thread asks what another thread or an earlier round has asked
            Path distinct = folder.resolve("distinct.lua");
            Files.writeString(distinct, words + "local start = os.time({year = 2016, month = 1, day = 1, hour = 12})\n"
                    + "local threads = 0\n"
                    + "function setup(thread)\n  threads = threads + 1\n  thread:set(\"number\", threads)\nend\n"
                    + "function init(args)\n  i = ((tonumber(args[1]) or 0) + (number or 1) - 1) * (tonumber(args[2]) or 0)\nend\n"
                    + "request = function()\n  i = i + 1\n  local day = os.date(\"!%Y-%m-%d\", start + (math.floor(i / #words) % 1800) * 86400)\n"
                    + "  return wrk.format(\"GET\", \"/api/v1/search?q=\" .. words[i % #words + 1] .. \"&from=\" .. day)\nend\n",
                    StandardCharsets.UTF_8);
            int stretch = 90_000 / (times * threads);
            try (Service service = new Service(BenchSoakCommand.localService(folder, List.of(), "15m"))) {
                String base = "http://127.0.0.1:" + service.port();
                List<Double> health = new ArrayList<>(), same = new ArrayList<>(), fresh = new ArrayList<>(), kpi = new ArrayList<>();
                run(base + "/health", null, 1); // warm-up of the JIT and the index's caches
                run(base + "/api/v1/search", repeated, 1);
                for (int r = 0; r < times; r++) {
                    health.add(run(base + "/health", null, seconds));
                    same.add(run(base + "/api/v1/search", repeated, seconds));
                    fresh.add(run(base + "/api/v1/search", distinct, seconds, String.valueOf(r * threads), String.valueOf(stretch)));
                    kpi.add(run(base + "/api/v1/kpi?year=2018", null, seconds));
                }
                double baseline = median(health);
                String load = String.format(Locale.ROOT, "wrk -t%d -c%d, %,d items", threads, connections, n);
                return List.of(
                        new BenchAllCommand.Figure("API GET /api/v1/search, a new word and start day each request (" + load + ")",
                                median(fresh), "requests/s", "GET /health", baseline),
                        new BenchAllCommand.Figure("API GET /api/v1/search, the same 50 words in turn (" + load + ")", median(same),
                                "requests/s", "GET /health", baseline),
                        new BenchAllCommand.Figure("API GET /api/v1/kpi?year=2018 (" + load + ")", median(kpi), "requests/s",
                                "GET /health", baseline));
            }
        } finally {
            BenchSoakCommand.delete(folder);
        }
    }

    /** Runs wrk for {@code seconds} against {@code url} (with {@code script} and its arguments when not null) and gives its requests a second. */
    private double run(String url, Path script, int seconds, String... scriptArguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(wrk, "-t" + threads, "-c" + connections, "-d" + seconds + "s"));
        if (script != null) command.addAll(List.of("-s", script.toString()));
        command.add(url);
        if (scriptArguments.length > 0) {
            command.add("--");
            command.addAll(List.of(scriptArguments));
        }
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("cannot run '" + wrk + "' (install wrk or give --wrk PROGRAM): " + e.getMessage(), e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(seconds + 60L, TimeUnit.SECONDS)) process.destroyForcibly();
        Matcher rate = RATE.matcher(output);
        if (process.exitValue() != 0 || !rate.find()) throw new IOException("wrk failed on " + url + ":\n" + output);
        Matcher bad = BAD.matcher(output);
        if (bad.find()) throw new IOException("wrk got " + bad.group(1) + " answers other than 2xx from " + url);
        Matcher errors = ERRORS.matcher(output);
        if (errors.find()) System.err.println("wrk on " + url + ": " + errors.group());
        return Double.parseDouble(rate.group(1));
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
