package org.mediamonitor.api;

import static org.junit.jupiter.api.Assertions.*;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediamonitor.crawler.Crawler;
import org.slf4j.LoggerFactory;

/**
 * Four hosts that misbehave (one never answers, one trickles a byte a second, one resets every
 * connection, one sends binary garbage) beside a healthy site: the healthy site's articles are all
 * stored while the hanging and trickling hosts still hold their connections open, and each bad source
 * is logged and shows its error in the sources' health once its fetch gives up.
 */
@Tag("faults")
class SlowSourceTest {
    @TempDir
    Path folder;

    @Test
    void aSourceThatHangsTricklesResetsOrServesGarbageHoldsUpNoOther() throws Exception {
        ch.qos.logback.classic.Logger crawlerLog = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Crawler.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        crawlerLog.addAppender(logged);
        List<BadHost> bad = new ArrayList<>();
        try (LocalNewsSite site = new LocalNewsSite("127.0.0.1")) {
            int n = 2;
            for (BadHost.Way way : BadHost.Way.values()) bad.add(new BadHost("127.0.0." + n++, way));
            StringBuilder badSources = new StringBuilder();
            for (BadHost host : bad) {
                badSources.append("  - id: ").append(host.id()).append("\n    name: ").append(host.id())
                        .append("\n    feed-url: ").append(host.url()).append("/feed.xml\n    language: en\n    local: true\n    recheck: 1s\n");
            }
            // a hanging host fails after 30 s of silence, a trickling one after 40 s in all
            Path config = site.writeConfig(folder.resolve("media-monitor.yaml"), "1s",
                    "  read-timeout: 30s\n  total-timeout: 40s\n  parallel-sources: 8\n");
            Files.writeString(config, Files.readString(config) + badSources);
            site.release(10);
            try (Service service = new Service(Settings.load(config).withData(folder.resolve("data")).withPort(0))) {
                long started = System.nanoTime(); // the crawl starts as the service does
                while (service.index().size() < 10) {
                    assertTrue(System.nanoTime() - started < Duration.ofMinutes(2).toNanos(), "the healthy articles arrive");
                    Thread.sleep(100);
                }
                long healthyAfter = System.nanoTime() - started;
                BadHost hanging = bad.get(0), trickling = bad.get(1);
                assertTrue(hanging.openConnections() > 0 && trickling.openConnections() > 0,
                        "the healthy articles were stored in " + healthyAfter / 1_000_000 + " ms, while the hanging and trickling"
                                + " hosts still held their first connection: " + hanging.openConnections() + ", " + trickling.openConnections());
                // more healthy articles while the bad hosts keep misbehaving
                site.release(16);
                long released = System.nanoTime();
                while (service.index().size() < 16) {
                    assertTrue(System.nanoTime() - released < Duration.ofSeconds(25).toNanos(),
                            "new healthy articles arrive in less than the bad hosts' timeouts");
                    Thread.sleep(100);
                }
                long nextAfter = System.nanoTime() - released;

                // every bad source gives up in the end, says so in the sources' health, and is logged
                Map<String, JsonNode> health = new HashMap<>();
                long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                while (true) {
                    health.clear();
                    for (JsonNode source : get(service, "/api/v1/sources").get("sources")) health.put(source.get("id").asText(), source);
                    boolean all = bad.stream().allMatch(h -> health.get(h.id()) != null && !health.get(h.id()).get("lastError").isNull());
                    if (all) break;
                    assertTrue(System.nanoTime() < until, "each bad source shows an error: " + health);
                    Thread.sleep(500);
                }
                for (BadHost host : bad) {
                    JsonNode source = health.get(host.id());
                    assertTrue(source.get("lastSuccess").isNull(), source.toString());
                    assertTrue(source.get("lastErrorMessage").asText().contains(host.url()), source.toString());
                    assertTrue(logged.list.stream().anyMatch(e -> e.getFormattedMessage().contains("source=" + host.id())
                            && e.getFormattedMessage().contains("fetch failed")), "logged: " + host.id());
                }
                for (LocalNewsSite.Feed feed : site.feeds()) {
                    JsonNode source = health.get(feed.id());
                    assertTrue(source.get("lastError").isNull(), "the healthy source has no error: " + source);
                    assertFalse(source.get("lastSuccess").isNull(), source.toString());
                }
                assertEquals(16, service.index().size());
                System.out.printf("slow sources: the first healthy articles stored %d ms after the start, the next %d ms after release%n",
                        healthyAfter / 1_000_000, nextAfter / 1_000_000);
            }
        } finally {
            crawlerLog.detachAppender(logged);
            for (BadHost host : bad) host.close();
        }
    }

    private static JsonNode get(Service service, String pathAndQuery) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + pathAndQuery))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            return Json.MAPPER.readTree(response.body());
        }
    }

    /** A host on its own loopback address that misbehaves the same way on every connection. */
    private static final class BadHost implements AutoCloseable {
        enum Way { HANG, TRICKLE, RESET, GARBAGE }

        private final Way way;
        private final ServerSocket server;
        private final Set<Socket> open = ConcurrentHashMap.newKeySet();
        private final AtomicInteger threads = new AtomicInteger();

        BadHost(String address, Way way) throws IOException {
            this.way = way;
            this.server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
            Thread accept = new Thread(this::accept, "bad-host-" + way);
            accept.setDaemon(true);
            accept.start();
        }

        String id() {
            return "bad-" + way.name().toLowerCase(java.util.Locale.ROOT);
        }

        String url() {
            return "http://" + server.getInetAddress().getHostAddress() + ":" + server.getLocalPort();
        }

        int openConnections() {
            return open.size();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    Thread t = new Thread(() -> answer(socket), "bad-host-" + way + "-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void answer(Socket socket) {
            open.add(socket);
            try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
                readRequest(in);
                switch (way) {
                    case HANG -> {
                        while (in.read() != -1) {
                            // silent until the client gives up
                        }
                    }
                    case TRICKLE -> {
                        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: 100000\r\n\r\n"
                                + "<?xml version=\"1.0\"?>").getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        for (int i = 0; i < 100_000; i++) {
                            Thread.sleep(1000);
                            out.write(' ');
                            out.flush();
                        }
                    }
                    case RESET -> socket.setSoLinger(true, 0);
                    case GARBAGE -> {
                        byte[] noise = new byte[8192];
                        new Random(7).nextBytes(noise);
                        out.write(noise);
                        out.flush();
                    }
                }
            } catch (IOException e) {
                // the client went away
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                open.remove(socket);
            }
        }

        private static void readRequest(InputStream in) throws IOException {
            int matched = 0;
            byte[] end = {'\r', '\n', '\r', '\n'};
            for (int b; matched < 4 && (b = in.read()) != -1; ) matched = b == end[matched] ? matched + 1 : b == '\r' ? 1 : 0;
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket socket : open) socket.close();
        }
    }
}
