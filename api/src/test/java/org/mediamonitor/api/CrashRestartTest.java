package org.mediamonitor.api;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Predicate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.mediamonitor.index.ItemIndex;
import org.mediamonitor.model.LedgerRow;

/**
 * The service, run as an operator runs it ({@code monitor serve} in its own JVM), crawls a local site
 * whose articles appear a few at a time, and is killed with SIGKILL again and again: while it fetches
 * an article, while it classifies one, just after it indexed one, and while it commits a source. Each
 * time it is started again. In the end every article is in the index exactly once and the KPI ledger
 * is the one a run that was never killed gives. A cluster is named after the first of its copies the
 * index received, and copies crawled from different sources arrive in either order, so the ledgers are
 * compared with each cluster written as the ids of its members.
 *
 * <p>Each start loads the CoreNLP models, so the test takes minutes: it runs in the {@code faults}
 * profile ({@code ./mvnw -Pfaults verify}). {@code -Dcrash.seed=N} repeats a run's random moments.
 */
@Tag("faults")
class CrashRestartTest {
    private static final int KILLS = 22;
    private static final Duration TRIGGER_TIMEOUT = Duration.ofSeconds(120);

    /** Where in its work the service is killed. */
    enum Phase { FETCH, CLASSIFICATION, INDEXING, COMMIT }

    /** Kept when the test fails: the services' logs are in it. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path folder;

    @Test
    void killedAtRandomMomentsTheServiceStoresEveryArticleOnceAndCountsAsARunNeverKilled() throws Exception {
        long seed = Long.getLong("crash.seed", System.nanoTime());
        Random random = new Random(seed);
        String context = "seed " + seed + ", logs in " + folder;
        BlockingQueue<String> signals = new LinkedBlockingQueue<>();
        try (LocalNewsSite site = new LocalNewsSite("127.0.0.1")) {
            site.listen(event -> signals.offer("site " + event));
            Path config = site.writeConfig(folder.resolve("media-monitor.yaml"), "1s", "");
            TreeSet<Integer> years = new TreeSet<>();
            site.pages().forEach(p -> years.add(p.year()));

            // the run that is never killed, for the ledger to compare with
            site.release(site.size());
            Map<Integer, List<JsonNode>> clean;
            try (ServiceProcess service = ServiceProcess.start(config, folder.resolve("clean"), folder.resolve("clean.log"), signals)) {
                awaitAllStored(service, site, signals, context);
                clean = ledgers(service, years);
            }
            assertTrue(clean.values().stream().mapToInt(List::size).sum() > 0, "the site has counted coverage");

            // the run killed again and again
            Path data = folder.resolve("data");
            Map<Phase, Integer> kills = new EnumMap<>(Phase.class);
            int missed = 0;
            for (int cycle = 0; cycle < KILLS; cycle++) {
                site.release((int) Math.ceil((double) site.size() * (cycle + 1) / (KILLS + 2)));
                Phase phase = Phase.values()[cycle % Phase.values().length];
                site.hold(phase == Phase.FETCH ? 400 : 0);
                signals.clear();
                ServiceProcess service = ServiceProcess.start(config, data, folder.resolve("killed.log"), signals);
                List<String> newest = site.newestReleasedUrls();
                Predicate<String> trigger = switch (phase) {
                    case FETCH -> line -> line.startsWith("site asked ");
                    case CLASSIFICATION -> line -> line.startsWith("site sent ");
                    case INDEXING -> line -> line.contains(" item=");
                    case COMMIT -> line -> line.contains(" item=") && newest.stream().anyMatch(line::endsWith);
                };
                String hit = ServiceProcess.awaitLine(signals, trigger, TRIGGER_TIMEOUT);
                if (hit != null) {
                    long delay = switch (phase) {
                        case FETCH -> random.nextInt(300);       // the response is held for 400 ms
                        case CLASSIFICATION -> random.nextInt(150);
                        case INDEXING -> random.nextInt(5);
                        case COMMIT -> random.nextInt(20);
                    };
                    if (delay > 0) Thread.sleep(delay);
                    kills.merge(phase, 1, Integer::sum);
                } else {
                    missed++;
                }
                assertTrue(service.isAlive(), "the service died by itself in cycle " + cycle + "; " + context);
                service.kill();
            }
            int done = kills.values().stream().mapToInt(Integer::intValue).sum();
            assertTrue(done >= 20, "kills at an aimed moment: " + kills + ", missed " + missed + "; " + context);
            for (Phase phase : Phase.values()) assertTrue(kills.getOrDefault(phase, 0) >= 4, phase + ": " + kills + "; " + context);

            // the last start, left to finish
            site.hold(0);
            site.release(site.size());
            signals.clear();
            Map<Integer, List<JsonNode>> after;
            try (ServiceProcess service = ServiceProcess.start(config, data, folder.resolve("killed.log"), signals)) {
                awaitAllStored(service, site, signals, context);
                after = ledgers(service, years);
                JsonNode health = service.get("/health");
                assertEquals(site.size(), health.get("items").asInt(), health.toString());
            } // and killed once more, after its commit
            assertEquals(normalised(clean), normalised(after), "the ledger over HTTP equals the clean run's; " + context);

            // what is on disk once the process is gone
            try (ItemIndex index = new ItemIndex(data.resolve("index"))) {
                Map<String, Integer> byUrl = new HashMap<>();
                index.forEach(item -> byUrl.merge(item.url(), 1, Integer::sum));
                for (LocalNewsSite.Page page : site.pages()) {
                    assertEquals(1, byUrl.getOrDefault(site.url(page), 0), "stored once: " + site.url(page) + "; " + context);
                }
                assertEquals(site.size(), byUrl.size(), "nothing else is stored: " + byUrl.keySet());
                Map<Integer, List<JsonNode>> onDisk = new TreeMap<>();
                for (int year : years) {
                    Period period = Period.year(Integer.toString(year));
                    List<JsonNode> rows = new ArrayList<>();
                    for (LedgerRow row : index.ledger(period.from(), period.to(), false)) {
                        rows.add(withMembers(Json.MAPPER.valueToTree(row), index.members(row.cluster()).stream().map(i -> i.id()).toList()));
                    }
                    onDisk.put(year, rows);
                }
                assertEquals(normalised(clean), normalised(onDisk), "the ledger on disk equals the clean run's; " + context);
            }
            System.out.printf("crash and restart: %d kills %s, %d without a trigger, %d articles checked, seed %d%n",
                    done, kills, missed, site.size(), seed);
        }
    }

    /** Waits until every article is stored and a later pass has ended (so its commit has returned). */
    private static void awaitAllStored(ServiceProcess service, LocalNewsSite site, BlockingQueue<String> signals, String context)
            throws Exception {
        assertTrue(service.awaitPort(Duration.ofMinutes(2)), "the service starts; " + context);
        long until = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (service.get("/health").get("items").asInt() < site.size()) {
            assertTrue(System.nanoTime() < until, "every article stored within 5 minutes: "
                    + service.get("/health") + "; " + context);
            Thread.sleep(500);
        }
        signals.clear();
        assertNotNull(ServiceProcess.awaitLine(signals, line -> line.contains("crawl pass done"), Duration.ofMinutes(2)),
                "a crawl pass ends after the last article; " + context);
    }

    /** The ledger of each year, as the API lists it. */
    private static Map<Integer, List<JsonNode>> ledgers(ServiceProcess service, TreeSet<Integer> years) throws Exception {
        Map<Integer, List<JsonNode>> ledgers = new TreeMap<>();
        for (int year : years) {
            JsonNode page = service.get("/api/v1/kpi/items?year=" + year + "&format=json");
            List<JsonNode> rows = new ArrayList<>();
            for (JsonNode row : page.get("items")) {
                List<String> members = new ArrayList<>();
                service.get("/api/v1/items/" + row.get("item").asText()).get("cluster").forEach(m -> members.add(m.get("id").asText()));
                rows.add(withMembers(row, members));
            }
            assertEquals(page.get("total").asInt(), rows.size());
            ledgers.put(year, rows);
        }
        return ledgers;
    }

    /** A ledger row with its cluster written as the sorted ids of the cluster's members, not by its name. */
    private static JsonNode withMembers(JsonNode row, List<String> members) {
        ObjectNode copy = row.deepCopy();
        copy.set("cluster", Json.MAPPER.valueToTree(new TreeSet<>(members)));
        return copy;
    }

    /** The rows of each year by item id (the order of rows with the same date is not what is checked). */
    private static Map<Integer, Map<String, String>> normalised(Map<Integer, List<JsonNode>> ledgers) {
        Map<Integer, Map<String, String>> result = new TreeMap<>();
        ledgers.forEach((year, rows) -> {
            Map<String, String> byItem = new TreeMap<>();
            for (JsonNode row : rows) byItem.put(row.get("item").asText(), row.toString());
            result.put(year, byItem);
        });
        return result;
    }
}
