package org.mediamonitor.api;

import static org.junit.jupiter.api.Assertions.*;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.vertx.core.Vertx;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mediamonitor.index.ItemIndex;
import org.mediamonitor.model.Classification;
import org.mediamonitor.model.Evidence;
import org.mediamonitor.model.Item;
import org.mediamonitor.model.Label;

class DigestTest {
    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path data;

    private static Item item(String id, String published, Label label, double confidence, String sentence) {
        Classification c = label == null
                ? new Classification(false, null, 0.9, List.of(), "model:test", Instant.EPOCH)
                : new Classification(true, label, confidence,
                        List.of(new Evidence(sentence, label == Label.POSITIVE ? "positive" : "negative", 2, List.of(), 0)),
                        "model:test", Instant.EPOCH);
        return new Item(id, "https://news.example/" + id, "herald", "Story " + id, "Taiwan text of " + id,
                Instant.parse(published), null, "en", Instant.EPOCH, c, null);
    }

    @Test
    void theDayIsCountedAgainstItsFourteenDaysAndMailedWithBothParts() throws Exception {
        try (ItemIndex index = new ItemIndex(data.resolve("index"))) {
            // 2018-03-23 in Asia/Taipei runs from 2018-03-22T16:00Z to 2018-03-23T16:00Z
            index.add(item("n1", "2018-03-23T01:00:00Z", Label.NEGATIVE, 0.95, "Beijing condemned Taipei's provocation."));
            index.add(item("n2", "2018-03-23T02:00:00Z", Label.NEGATIVE, 0.6, "Critics blamed the government."));
            index.add(item("p1", "2018-03-22T17:00:00Z", Label.POSITIVE, 0.9, "Washington praised Taiwan's democracy."));
            index.add(item("x1", "2018-03-23T03:00:00Z", null, 0.9, null));
            index.add(item("late", "2018-03-23T16:30:00Z", Label.NEGATIVE, 0.9, "Next day in Taipei."));
            for (int d = 9; d <= 22; d += 2) {
                index.add(item("b" + d, "2018-03-" + (d < 10 ? "0" + d : d) + "T04:00:00Z", Label.BALANCED, 0.7, "Report."));
            }
            index.commit();

            Vertx vertx = Vertx.vertx();
            Digests.Mail mail = new Digests.Mail("127.0.0.1", smtp.getSmtp().getPort(), "monitor@example.org",
                    List.of("staff@example.org"), null, null, false);
            try (Outbox outbox = new Outbox(vertx, data, mail.smtp())) {
                Digests digests = new Digests(index, data, mail, outbox);
                Digest digest = digests.build(LocalDate.of(2018, 3, 23));
                assertEquals(3, digest.counts().total());
                assertEquals(2, digest.counts().negative());
                assertEquals(1, digest.counts().positive());
                assertEquals(0.5, digest.baseline().balanced(), "7 balanced items over the 14 days before");
                assertEquals(15, digest.history().size());
                assertEquals(List.of("n1", "n2"), digest.items().get(Label.NEGATIVE).stream().map(Digest.Entry::id).toList(),
                        "confident negative items first");
                assertEquals("Beijing condemned Taipei's provocation.", digest.items().get(Label.NEGATIVE).get(0).sentence());
                assertTrue(Files.readString(data.resolve("digests/2018-03-23.html")).contains("Story n1"));

                assertTrue(digests.due(digest.day()));
                assertTrue(digests.send(digest).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS),
                        "delivered at the first attempt");
                assertFalse(digests.due(digest.day()), "marked sent, so a restart does not send it again");
            } finally {
                vertx.close();
            }
        }
        assertTrue(smtp.waitForIncomingEmail(10_000, 1));
        MimeMessage message = smtp.getReceivedMessages()[0];
        assertEquals("staff@example.org", message.getAllRecipients()[0].toString());
        assertTrue(message.getSubject().contains("2018-03-23"));
        MimeMultipart parts = (MimeMultipart) message.getContent();
        String text = null, html = null;
        for (int i = 0; i < parts.getCount(); i++) {
            var part = parts.getBodyPart(i);
            if (part.isMimeType("text/plain")) text = (String) part.getContent();
            if (part.isMimeType("text/html")) html = (String) part.getContent();
        }
        assertNotNull(text, "a plain-text part");
        assertNotNull(html, "an HTML part");
        assertTrue(text.matches("(?s).*負面 Negative\\s+2 .*"), text);
        assertTrue(html.contains("data-count=\"2\""), html);
    }
}
