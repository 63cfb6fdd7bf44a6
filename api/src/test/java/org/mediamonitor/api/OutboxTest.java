package org.mediamonitor.api;

import static org.junit.jupiter.api.Assertions.*;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediamonitor.index.ItemIndex;
import org.mediamonitor.model.Classification;
import org.mediamonitor.model.Evidence;
import org.mediamonitor.model.Item;
import org.mediamonitor.model.Label;

/**
 * The outbox with the SMTP server down: a real SMTP server (GreenMail) is started only after the
 * first attempt has failed, on the port the outbox was told to use.
 */
class OutboxTest {
    private static final Outbox.Retry QUICK = new Outbox.Retry(Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofHours(1));

    @TempDir
    Path data;
    private Vertx vertx;
    private GreenMail smtp;
    private int port;

    @BeforeEach
    void start() throws IOException {
        vertx = Vertx.vertx();
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort(); // nothing listens here until the test starts the SMTP server
        }
    }

    @AfterEach
    void stop() {
        if (smtp != null) smtp.stop();
        vertx.close();
    }

    private Outbox outbox(Outbox.Retry retry) throws IOException {
        return new Outbox(vertx, data, new Outbox.Smtp("127.0.0.1", port, null, null, false), retry, Clock.systemUTC());
    }

    private void startSmtp() {
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    private static void awaitEmpty(Outbox outbox) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!outbox.waiting().isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "the outbox emptied");
            Thread.sleep(50);
        }
    }

    @Test
    void aDigestWaitsWhileTheSmtpServerIsDownAndGoesOutOnceItIsUp() throws Exception {
        try (ItemIndex index = new ItemIndex(data.resolve("index")); Outbox outbox = outbox(QUICK)) {
            index.add(new Item("n1", "https://news.example/n1", "herald", "Beijing condemns Taipei", "Taiwan text.",
                    Instant.parse("2018-03-23T01:00:00Z"), null, "en", Instant.EPOCH,
                    new Classification(true, Label.NEGATIVE, 0.9, List.of(new Evidence("Beijing condemned Taipei.", "negative", 2,
                            List.of(), 0)), "model:test", Instant.EPOCH), null));
            index.commit();
            Digests digests = new Digests(index, data, new Digests.Mail("127.0.0.1", port, "monitor@example.org",
                    List.of("staff@example.org"), null, null, false), outbox);

            boolean delivered = digests.send(digests.build(LocalDate.of(2018, 3, 23))).toCompletionStage()
                    .toCompletableFuture().get(30, TimeUnit.SECONDS);
            assertFalse(delivered, "nothing listens on the SMTP port yet");
            List<Outbox.Message> waiting = outbox.waiting();
            assertEquals(1, waiting.size());
            assertTrue(waiting.get(0).attempts() >= 1);
            assertNotNull(waiting.get(0).lastError());
            assertFalse(digests.due(LocalDate.of(2018, 3, 23)), "handed to the outbox: not sent again by a restart");

            startSmtp();
            assertTrue(smtp.waitForIncomingEmail(20_000, 1), "retried and delivered once the server is up");
            awaitEmpty(outbox);
        }
        assertEquals(1, smtp.getReceivedMessages().length, "delivered once");
        assertTrue(smtp.getReceivedMessages()[0].getSubject().contains("2018-03-23"));
    }

    @Test
    void aQueuedMessageSurvivesARestart() throws Exception {
        Outbox.Retry later = new Outbox.Retry(Duration.ofHours(1), Duration.ofHours(1), Duration.ofDays(7));
        try (Outbox before = outbox(later)) {
            Outbox.Mail mail = new Outbox.Mail("monitor@example.org", List.of("staff@example.org"), "輿情警示 Alert", "正文 body", null);
            assertFalse(before.mail("alert test", mail).get(30, TimeUnit.SECONDS));
        }
        try (var files = Files.list(data.resolve("outbox"))) {
            assertEquals(1, files.filter(f -> f.toString().endsWith(".json")).count(), "kept on disk across the restart");
        }

        startSmtp();
        try (Outbox after = outbox(QUICK)) {
            assertTrue(smtp.waitForIncomingEmail(20_000, 1), "sent when the service starts again");
            awaitEmpty(after);
        }
        assertEquals(1, smtp.getReceivedMessages().length);
        assertEquals("輿情警示 Alert", smtp.getReceivedMessages()[0].getSubject());
    }

    @Test
    void aWebhookIsRetriedUntilItAcceptsAndARefusalIsSetAside() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        List<String> bodies = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/busy", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(calls.incrementAndGet() <= 2 ? 503 : 204, -1);
            exchange.close();
        });
        receiver.createContext("/refuses", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(400, -1);
            exchange.close();
        });
        receiver.start();
        String base = "http://127.0.0.1:" + receiver.getAddress().getPort();
        try (Outbox outbox = outbox(QUICK)) {
            assertFalse(outbox.webhook("busy", new Outbox.Webhook(base + "/busy", "{\"type\":\"spike\"}")).get(30, TimeUnit.SECONDS));
            awaitEmpty(outbox);
            assertEquals(3, calls.get(), "two failures, then delivered, then no more");
            assertEquals(List.of("{\"type\":\"spike\"}", "{\"type\":\"spike\"}", "{\"type\":\"spike\"}"), bodies);

            assertFalse(outbox.webhook("refused", new Outbox.Webhook(base + "/refuses", "{}")).get(30, TimeUnit.SECONDS));
            assertTrue(outbox.waiting().isEmpty(), "a 400 is not retried");
            try (var failed = Files.list(data.resolve("outbox/failed"))) {
                assertEquals(1, failed.count(), "kept for an operator in failed/");
            }
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void thePauseDoublesUpToItsCeiling() {
        Outbox.Retry retry = new Outbox.Retry(Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofDays(7));
        assertEquals(Duration.ofSeconds(30), retry.after(1));
        assertEquals(Duration.ofSeconds(60), retry.after(2));
        assertEquals(Duration.ofSeconds(120), retry.after(3));
        assertEquals(Duration.ofHours(1), retry.after(9), "30 s × 256 is over an hour");
        assertEquals(Duration.ofHours(1), retry.after(200));
    }
}
