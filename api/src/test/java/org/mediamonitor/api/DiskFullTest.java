package org.mediamonitor.api;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediamonitor.crawler.WarcArchive;
import org.mediamonitor.index.ItemIndex;
import org.netpreserve.jwarc.WarcReader;

/**
 * The service with its data folder on a small filesystem of its own (a 24 MB tmpfs, mounted here; the
 * test is skipped where mounting is not permitted), which is then filled up: first below the free space
 * the service keeps, then to the last byte so that writing the WARC archive really fails. Each time the
 * service says so on {@code /health}, crawls nothing new, answers changes with 503, and once room is
 * made it goes on by itself and stores what it had missed, with nothing already stored lost or doubled.
 */
@Tag("faults")
class DiskFullTest {
    @TempDir
    Path folder;
    private Path disk;
    private boolean mounted;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void mountASmallDisk() throws Exception {
        disk = Files.createDirectories(folder.resolve("disk"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", disk.toString())
                .redirectErrorStream(true).start();
        String said = new String(mount.getInputStream().readAllBytes());
        mounted = mount.waitFor(30, TimeUnit.SECONDS) && mount.exitValue() == 0;
        Assumptions.assumeTrue(mounted, "mounting a tmpfs is not permitted here: " + said.strip());
    }

    @AfterEach
    void unmount() throws Exception {
        if (!mounted) return;
        Process umount = new ProcessBuilder("umount", disk.toString()).inheritIO().start();
        if (!umount.waitFor(30, TimeUnit.SECONDS) || umount.exitValue() != 0) {
            // still busy (a failed test left a file open): detach it now, it goes once the file is closed
            new ProcessBuilder("umount", "-l", disk.toString()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aFullDiskPausesTheWorkAndTheServiceResumesWhenRoomIsMade() throws Exception {
        Path data = disk.resolve("data");
        Path filler = disk.resolve("filler");
        try (LocalNewsSite site = new LocalNewsSite("127.0.0.1")) {
            // below the free space the service keeps
            Settings keepsFree = Settings.load(site.writeConfig(folder.resolve("keeps-free.yaml"), "1s", "  min-free-megabytes: 4\n"))
                    .withData(data).withPort(0);
            site.release(12);
            try (Service service = new Service(keepsFree)) {
                awaitStored(service, 12);
                fill(filler, free(disk) - (1 << 20));
                site.release(18);
                awaitFull(service);
                assertStillRefusing(service, 12);
                Files.delete(filler);
                awaitStored(service, 18);
                assertEquals("up", health(service).get("status").asText());
            }

            // to the last byte, with no free space kept: the archive's write fails
            Settings keepsNone = Settings.load(site.writeConfig(folder.resolve("keeps-none.yaml"), "1s", "  min-free-megabytes: 0\n"))
                    .withData(data).withPort(0);
            try (Service service = new Service(keepsNone)) {
                awaitStored(service, 18);
                fill(filler, Long.MAX_VALUE);
                site.release(site.size());
                awaitFull(service);
                assertTrue(health(service).get("disk").get("detail").asText().contains("No space left on device"),
                        health(service).toString());
                assertStillRefusing(service, 18);
                Files.delete(filler);
                awaitStored(service, site.size());
                assertEquals("up", health(service).get("status").asText());
            }

            // on disk: every article once, and an archive that reads to its end
            try (ItemIndex index = new ItemIndex(data.resolve("index"))) {
                Map<String, Integer> byUrl = new HashMap<>();
                index.forEach(item -> byUrl.merge(item.url(), 1, Integer::sum));
                for (LocalNewsSite.Page page : site.pages()) assertEquals(1, byUrl.getOrDefault(site.url(page), 0), site.url(page));
                assertEquals(site.size(), byUrl.size());
            }
            Map<String, Integer> archived = new HashMap<>();
            try (WarcArchive archive = new WarcArchive(data.resolve("warc"), 1L << 30)) {
                archive.forEach(record -> {
                    if (record.page().finalUrl().getPath().endsWith(".html")) archived.merge(record.page().finalUrl().toString(), 1, Integer::sum);
                });
            }
            for (LocalNewsSite.Page page : site.pages()) assertTrue(archived.containsKey(site.url(page)), "archived: " + site.url(page));
            // a write that failed for want of space left no partial record behind: each file reads to its end
            try (var files = Files.list(data.resolve("warc"))) {
                for (Path file : files.toList()) {
                    try (WarcReader reader = new WarcReader(file)) {
                        while (reader.next().isPresent()) {
                            // read through
                        }
                    } catch (IOException | RuntimeException e) {
                        fail(file.getFileName() + " does not read to its end: " + e);
                    }
                }
            }
        }
    }

    /** Nothing new is stored, /health says why, and a change answers 503 with a problem. */
    private void assertStillRefusing(Service service, int stored) throws Exception {
        Thread.sleep(3000); // three visits' worth of the sources' recheck
        assertEquals(stored, service.index().size(), "nothing is stored while the disk is full");
        JsonNode health = health(service);
        assertEquals("degraded", health.get("status").asText(), health.toString());
        assertTrue(health.get("disk").get("full").asBoolean(), health.toString());
        String id = firstId(service);
        HttpResponse<String> change = http.send(HttpRequest.newBuilder(uri(service, "/api/v1/items/" + id + "/label"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"label\":\"positive\",\"reason\":\"check\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(503, change.statusCode(), change.body());
        assertTrue(change.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        JsonNode problem = Json.MAPPER.readTree(change.body());
        assertEquals(503, problem.get("status").asInt());
        assertTrue(problem.get("detail").asText().contains("refused until there is room"), problem.toString());
        HttpResponse<String> read = http.send(HttpRequest.newBuilder(uri(service, "/api/v1/search?q=Taiwan")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, read.statusCode(), "reading goes on: " + read.body());
    }

    private static String firstId(Service service) throws IOException {
        List<String> ids = new java.util.ArrayList<>();
        service.index().forEach(item -> ids.add(item.id()));
        return ids.getFirst();
    }

    private void awaitFull(Service service) throws Exception {
        await(() -> {
            try {
                return health(service).get("disk").get("full").asBoolean();
            } catch (Exception e) {
                return false;
            }
        }, Duration.ofSeconds(30), "the service notices the full disk");
    }

    /** Waits until {@code count} items are stored and no visit is running, so the last one has committed. */
    private static void awaitStored(Service service, int count) throws Exception {
        await(() -> {
            try {
                return service.index().size() == count && !service.pipeline().status().running();
            } catch (IOException e) {
                return false;
            }
        }, Duration.ofMinutes(2), count + " items stored");
    }

    private static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < until, what + " within " + timeout.toSeconds() + " s");
            Thread.sleep(100);
        }
    }

    /** Writes up to {@code bytes} into {@code file}, stopping quietly where the disk is full. */
    private static void fill(Path file, long bytes) throws IOException {
        byte[] block = new byte[64 * 1024];
        long written = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            while (written < bytes) {
                int n = (int) Math.min(block.length, bytes - written);
                out.write(block, 0, n);
                written += n;
            }
        } catch (IOException e) {
            if (DiskSpace.noSpace(e) == null) throw e;
        }
        if (bytes == Long.MAX_VALUE) {
            // the last blocks, a little at a time
            try (OutputStream out = Files.newOutputStream(file, java.nio.file.StandardOpenOption.APPEND)) {
                for (int i = 0; i < 1 << 20; i++) {
                    out.write(block, 0, 512);
                    out.flush();
                }
            } catch (IOException e) {
                if (DiskSpace.noSpace(e) == null) throw e;
            }
        }
    }

    private static long free(Path path) throws IOException {
        return Files.getFileStore(path).getUsableSpace();
    }

    private JsonNode health(Service service) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(service, "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        return Json.MAPPER.readTree(response.body());
    }

    private static URI uri(Service service, String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + service.port() + pathAndQuery);
    }
}
