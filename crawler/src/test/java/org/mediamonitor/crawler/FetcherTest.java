package org.mediamonitor.crawler;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FetcherTest {
    private static final int CAP = 1024 * 1024;
    private LoopbackSite site;
    private Fetcher fetcher;

    @BeforeEach
    void start() throws Exception {
        site = new LoopbackSite();
        fetcher = new Fetcher(Fetcher.Settings.defaults().withPerHostDelay(Duration.ZERO).withMaxBytes(CAP)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(500), Duration.ofSeconds(5))
                .withMaxWait(Duration.ofSeconds(5)));
    }

    @AfterEach
    void stop() throws Exception {
        fetcher.close();
        site.close();
    }

    private URI url(String path) {
        return URI.create(site.url(path));
    }

    @Test
    void aServerThatAcceptsAndNeverAnswersTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) held.add(silent.accept()); // accepted, never read from or written to
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.start();
            long started = System.nanoTime();
            assertThrows(IOException.class,
                    () -> fetcher.fetch(URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/"), true));
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(millis < 4000, "gave up after the read timeout, not later: " + millis + " ms");
            for (Socket s : held) s.close();
        }
    }

    @Test
    void aFiftyMegabytePageIsCutAtTheCapWithoutReadingTheRest() throws Exception {
        AtomicLong written = new AtomicLong();
        site.handler("/huge", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, 50L * 1024 * 1024);
            byte[] chunk = "<p>Taiwan</p>".repeat(5000).getBytes();
            try (OutputStream out = exchange.getResponseBody()) {
                while (written.get() < 50L * 1024 * 1024) {
                    int n = (int) Math.min(chunk.length, 50L * 1024 * 1024 - written.get());
                    out.write(chunk, 0, n);
                    written.addAndGet(n);
                }
            } catch (IOException reset) {
                // the client hung up, as it should
            }
        });
        Page page = fetcher.fetch(url("/huge"), true);
        assertTrue(page.truncated());
        assertEquals(CAP, page.body().length);
        Thread.sleep(200);
        assertTrue(written.get() < 50L * 1024 * 1024, "the server could not send it all: " + written.get());
    }

    @Test
    void aGzipBombStopsAtTheCapOnTheDecodedSize() throws Exception {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(compressed)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 100; i++) zip.write(zeros); // 100 MB of zeros, about 100 KB compressed
        }
        site.page("/bomb", 200, "text/html", compressed.toByteArray(), Map.of("Content-Encoding", "gzip"));
        Page page = fetcher.fetch(url("/bomb"), true);
        assertTrue(page.truncated());
        assertEquals(CAP, page.body().length);
    }

    @Test
    void brotliIsDecodedAndABrotliBombStopsAtTheCap() throws Exception {
        // fixtures made with the brotli command: a short page, and 100 MB of zeros
        byte[] page = resource("fetch/page.html.br");
        site.page("/br", 200, "text/html; charset=utf-8", page, Map.of("Content-Encoding", "br"));
        String html = new String(fetcher.fetch(url("/br"), true).body(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(html.contains("Taipei and Washington signed a trade framework"), html);

        byte[] bomb = resource("fetch/bomb.br");
        assertTrue(bomb.length < 1024, "a bomb: tiny compressed, huge decoded");
        site.page("/br-bomb", 200, "text/html", bomb, Map.of("Content-Encoding", "br"));
        Page decoded = fetcher.fetch(url("/br-bomb"), true);
        assertTrue(decoded.truncated());
        assertEquals(CAP, decoded.body().length);
    }

    private static byte[] resource(String name) throws java.io.IOException {
        try (var in = FetcherTest.class.getClassLoader().getResourceAsStream(name)) {
            assertNotNull(in, name);
            return in.readAllBytes();
        }
    }

    @Test
    void deflateIsDecodedWhetherZlibWrappedOrRaw() throws Exception {
        byte[] html = "<html><body><p>Taipei</p></body></html>".getBytes();
        for (boolean raw : new boolean[]{false, true}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (DeflaterOutputStream deflate = new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION, raw))) {
                deflate.write(html);
            }
            site.page("/deflate", 200, "text/html", out.toByteArray(), Map.of("Content-Encoding", "deflate"));
            assertArrayEquals(html, fetcher.fetch(url("/deflate"), true).body(), raw ? "raw" : "zlib");
        }
    }

    @Test
    void aRedirectLoopStopsAtTheLimit() {
        site.page("/loop", 302, null, new byte[0], Map.of("Location", "/loop"));
        var loop = assertThrows(FetchException.class, () -> fetcher.fetch(url("/loop"), true));
        assertTrue(loop.getMessage().contains("redirects"), loop.getMessage());
        assertEquals(6, site.hits("/loop"), "the first request and five redirects, then it stops");
    }

    @Test
    void aRedirectToAPrivateAddressIsRefusedAtThatHop() {
        site.page("/to-metadata", 302, null, new byte[0], Map.of("Location", "http://169.254.169.254/latest/meta-data/"));
        var metadata = assertThrows(FetchException.class, () -> fetcher.fetch(url("/to-metadata"), true));
        assertTrue(metadata.getMessage().contains("private address 169.254.169.254"), metadata.getMessage());

        // a local source may reach its own host only: another name for a loopback address is refused after DNS
        site.page("/to-localhost", 302, null, new byte[0], Map.of("Location", "http://localhost:" + site.port() + "/target"));
        site.page("/target", "text/html", "<p>secret</p>");
        var renamed = assertThrows(FetchException.class, () -> fetcher.fetch(url("/to-localhost"), true));
        assertTrue(renamed.getMessage().contains("private address"), renamed.getMessage());
        assertEquals(0, site.hits("/target"));
    }

    @Test
    void retryAfterOn429IsHonouredForTheHost() throws Exception {
        site.page("/busy", 429, "text/plain", "busy".getBytes(), Map.of("Retry-After", "120"));
        var busy = assertThrows(FetchException.class, () -> fetcher.fetch(url("/busy"), true));
        assertEquals(429, busy.status());
        assertNotNull(busy.retryAt());
        site.page("/other", "text/html", "<p>fine</p>");
        var waiting = assertThrows(FetchException.class, () -> fetcher.fetch(url("/other"), true));
        assertTrue(waiting.getMessage().contains("not asking"), waiting.getMessage());
        assertEquals(0, site.hits("/other"), "no request during the back-off");
    }

    @Test
    void aShortRetryAfterIsWaitedOut() throws Exception {
        site.page("/unavailable", 503, "text/plain", "later".getBytes(), Map.of("Retry-After", "1"));
        assertThrows(FetchException.class, () -> fetcher.fetch(url("/unavailable"), true));
        site.page("/unavailable", "text/html", "<p>back</p>");
        long started = System.nanoTime();
        Page page = fetcher.fetch(url("/unavailable"), true);
        assertEquals(200, page.status());
        assertTrue((System.nanoTime() - started) / 1_000_000 >= 800, "the second request waited for Retry-After");
    }

    @Test
    void aConditionalGetIsAnsweredWith304() throws Exception {
        site.page("/feed.xml", 200, "application/rss+xml", "<rss version='2.0'/>".getBytes(), Map.of("ETag", "\"abc\""));
        Page first = fetcher.fetch(url("/feed.xml"), true);
        assertEquals("\"abc\"", first.validators().etag());
        Page second = fetcher.fetch(url("/feed.xml"), true, first.validators());
        assertTrue(second.notModified());
        assertEquals(0, second.body().length);
        assertEquals(1, site.notModified("/feed.xml"));
    }

    @Test
    void contentOtherThanHtmlOrXmlIsSkippedUnread() {
        site.page("/report.pdf", 200, "application/pdf", new byte[4096], Map.of());
        var skipped = assertThrows(FetchException.class, () -> fetcher.fetch(url("/report.pdf"), true));
        assertTrue(skipped.getMessage().startsWith("skipped: content type application/pdf"), skipped.getMessage());
    }

    @Test
    void theCharsetHeaderAndTheBytesArePassedThroughUntouched() throws Exception {
        byte[] big5 = "<p>臺灣</p>".getBytes("Big5");
        site.page("/big5", 200, "text/html; charset=Big5", big5, Map.of());
        Page page = fetcher.fetch(url("/big5"), true);
        assertArrayEquals(big5, page.body());
        assertEquals("text/html; charset=Big5", page.contentType());
    }

    @Test
    void privateAddressesAreRecognised() throws Exception {
        for (String address : List.of("127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
                "224.0.0.1", "0.0.0.0", "100.64.0.1", "::1", "fd00::1", "fe80::1")) {
            assertTrue(Fetcher.isPrivate(InetAddress.getByName(address)), address);
        }
        for (String address : List.of("8.8.8.8", "140.112.8.116", "2001:4860:4860::8888")) {
            assertFalse(Fetcher.isPrivate(InetAddress.getByName(address)), address);
        }
    }
}
