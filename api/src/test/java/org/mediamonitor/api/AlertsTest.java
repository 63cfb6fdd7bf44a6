package org.mediamonitor.api;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import io.vertx.core.Vertx;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mediamonitor.index.ItemIndex;
import org.mediamonitor.model.Classification;
import org.mediamonitor.model.Evidence;
import org.mediamonitor.model.Item;
import org.mediamonitor.model.Label;
import org.mediamonitor.model.Source;
import org.mediamonitor.model.SourceKind;

/**
 * Alerts over a real index, delivered through the outbox to a real SMTP server (GreenMail) and a
 * webhook receiver on loopback. The clock stands at 2018-03-23 20:00 in Taipei.
 */
class AlertsTest {
    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2018-03-23T12:00:00Z"), ZoneOffset.UTC);
    private static final Map<String, Source> SOURCES = Map.of(
            "herald", new Source("herald", "The Herald", "https://herald.example/feed", "en", "GB", SourceKind.NEWS, false, true),
            "wire", new Source("wire", "State Wire", "https://wire.example/feed", "en", "CN", SourceKind.WIRE, false, true,
                    List.of(), null, true));

    @TempDir
    Path data;
    private Vertx vertx;
    private Outbox outbox;
    private HttpServer webhook;
    private final List<String> posts = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        vertx = Vertx.vertx();
        outbox = new Outbox(vertx, data, new Outbox.Smtp("127.0.0.1", smtp.getSmtp().getPort(), null, null, false));
        webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/hook", exchange -> {
            posts.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        webhook.start();
    }

    @AfterEach
    void stop() {
        outbox.close();
        webhook.stop(0);
        vertx.close();
    }

    private Alerts.Rules rules(List<Label> labels, boolean savedQueries) {
        return new Alerts.Rules(List.of(), "http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook", 0.8, "2d",
                new Alerts.SpikeRule(14, 3, 5, labels, savedQueries));
    }

    private Alerts alerts(ItemIndex index, Alerts.Rules rules) throws IOException {
        return new Alerts(index, SOURCES::get, outbox, rules, "monitor@example.org", List.of("desk@example.org"), data, CLOCK);
    }

    private static Item item(String id, String source, String published, Label label, double confidence, String decidedBy) {
        Classification c = new Classification(true, label, confidence,
                List.of(new Evidence("Officials in Beijing condemned Taipei over " + id + ".",
                        label == Label.POSITIVE ? "positive" : "negative", 2, List.of(), 0)), decidedBy, Instant.EPOCH);
        return new Item(id, "https://" + source + ".example/" + id, source, "Taiwan story " + id,
                "Taiwan text about " + id + ", distinct words " + id.repeat(3) + ".", Instant.parse(published), null, "en",
                Instant.parse(published), c, null);
    }

    private static Item item(String id, String source, String published, Label label, double confidence) {
        return item(id, source, published, label, confidence, "model:test");
    }

    /** 2018-03-09 … 03-22: one positive item a day and one or two negative ones (1.5 a day on average). */
    private static void baseline(ItemIndex index) throws IOException {
        for (int d = 9; d <= 22; d++) {
            String day = "2018-03-" + (d < 10 ? "0" + d : d) + "T04:00:00Z";
            index.add(item("p" + d, "herald", day, Label.POSITIVE, 0.9));
            for (int k = 0; k < 1 + d % 2; k++) index.add(item("n" + d + "x" + k, "herald", day, Label.NEGATIVE, 0.9));
        }
    }

    /** Stores items as the pipeline does: into the index, then told to the alerts. */
    private static List<Alerts.Alert> store(ItemIndex index, Alerts alerts, List<Item> items) throws IOException {
        List<Alerts.Alert> sent = new ArrayList<>();
        for (Item item : items) alerts.stored(index.add(item)).ifPresent(sent::add);
        index.commit();
        return sent;
    }

    private void awaitOutboxEmpty() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!outbox.waiting().isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "the outbox delivered everything");
            Thread.sleep(50);
        }
    }

    @Test
    void aSpikeAndAnImportantSourcesNegativeItemEachAlertOnce() throws Exception {
        List<Item> day = new ArrayList<>();
        for (int i = 0; i < 7; i++) day.add(item("d" + i, "herald", "2018-03-23T0" + i + ":10:00Z", Label.NEGATIVE, 0.9));
        day.add(item("w1", "wire", "2018-03-23T08:00:00Z", Label.NEGATIVE, 0.95));
        day.add(item("w2", "wire", "2018-03-23T09:00:00Z", Label.NEGATIVE, 0.5)); // not sure enough
        day.add(item("w3", "wire", "2018-03-23T09:30:00Z", Label.POSITIVE, 0.95));
        day.add(item("p23", "herald", "2018-03-23T10:00:00Z", Label.POSITIVE, 0.9));

        try (ItemIndex index = new ItemIndex(data.resolve("index"))) {
            baseline(index);
            Alerts alerts = alerts(index, rules(List.of(Label.NEGATIVE, Label.POSITIVE), true));

            List<Alerts.Alert> immediate = store(index, alerts, day);
            assertEquals(List.of("negative:" + index.get("w1").orElseThrow().cluster()),
                    immediate.stream().map(Alerts.Alert::key).toList(), "only the confident negative item of the important source");
            List<Alerts.Alert> spikes = alerts.checkSpikes();
            // negative: 9 against 1.5 ± 0.5 a day; positive: 3 against 1 a day stays under min-count;
            // the default saved query "taiwan" matches every item: 12 against 2.5 a day
            assertEquals(List.of("spike:label:negative:2018-03-23", "spike:query:taiwan:2018-03-23"),
                    spikes.stream().map(Alerts.Alert::key).toList());

            assertEquals(List.of(), store(index, alerts, day), "stored again: no second alert");
            assertEquals(List.of(), alerts.checkSpikes(), "checked again: no second spike alert");
            Alerts restarted = alerts(index, rules(List.of(Label.NEGATIVE, Label.POSITIVE), true));
            assertEquals(List.of(), store(index, restarted, day), "after a restart: no second alert");
            assertEquals(List.of(), restarted.checkSpikes(), "after a restart: no second spike alert");
        }

        awaitOutboxEmpty();
        MimeMessage[] mails = smtp.getReceivedMessages();
        assertEquals(3, mails.length, "three alerts, one e-mail each");
        List<String> subjects = Stream.of(mails).map(m -> {
            try {
                assertEquals("desk@example.org", m.getAllRecipients()[0].toString(), "no alert recipients: the digest's");
                return m.getSubject();
            } catch (jakarta.mail.MessagingException e) {
                throw new AssertionError(e);
            }
        }).sorted().toList();
        assertTrue(subjects.stream().anyMatch(s -> s.contains("負面 Negative 9 (2018-03-23; 14-day average 1.5)")), subjects.toString());
        assertTrue(subjects.stream().anyMatch(s -> s.contains("State Wire") && s.contains("Taiwan story w1")), subjects.toString());

        assertEquals(3, posts.size(), "three webhook posts");
        List<JsonNode> bodies = new ArrayList<>();
        for (String post : posts) bodies.add(Json.MAPPER.readTree(post));
        JsonNode negative = bodies.stream().filter(b -> b.path("subject").path("id").asText().equals("negative")).findFirst().orElseThrow();
        assertEquals("spike", negative.get("type").asText());
        assertEquals(9, negative.get("count").asInt());
        assertEquals(1.5, negative.path("baseline").path("mean").asDouble(), 1e-9);
        JsonNode important = bodies.stream().filter(b -> b.get("type").asText().equals("important-negative")).findFirst().orElseThrow();
        assertEquals("w1", important.path("item").path("id").asText());
        assertEquals("wire", important.path("item").path("source").asText());
        assertTrue(important.path("item").path("sentence").asText().contains("condemned"));
        assertTrue(Files.readString(data.resolve("state/alerts-sent.tsv")).lines().count() == 3);
    }

    @Test
    void anOrdinaryDayOldNewsAndUnsureVerdictsRaiseNoAlertButAStaffLabelDoes() throws Exception {
        List<Item> day = new ArrayList<>();
        for (int i = 0; i < 2; i++) day.add(item("d" + i, "herald", "2018-03-23T0" + i + ":10:00Z", Label.NEGATIVE, 0.99));
        day.add(item("old", "wire", "2018-03-01T08:00:00Z", Label.NEGATIVE, 0.99)); // published three weeks ago
        day.add(item("unsure", "wire", "2018-03-23T08:00:00Z", Label.NEGATIVE, 0.79));
        day.add(item("herald-sure", "herald", "2018-03-23T08:30:00Z", Label.NEGATIVE, 0.99)); // not an important source
        day.add(item("staff", "wire", "2018-03-23T09:00:00Z", Label.NEGATIVE, 1.0, "staff:alice"));
        try (ItemIndex index = new ItemIndex(data.resolve("index"))) {
            baseline(index);
            Alerts alerts = alerts(index, rules(List.of(Label.NEGATIVE), false));
            List<Alerts.Alert> sent = store(index, alerts, day);
            assertEquals(List.of("negative:staff"), sent.stream().map(Alerts.Alert::key).toList());
            assertEquals(List.of(), alerts.checkSpikes(), "5 negative items on the day: not above the threshold of 1.5 + 3 × √1.5 = 5.2");
        }
    }

    @Test
    void withoutTheDaysBeforeThereIsNoBaselineAndNoSpike() throws Exception {
        List<Item> day = new ArrayList<>();
        for (int i = 0; i < 9; i++) day.add(item("d" + i, "herald", "2018-03-23T0" + i + ":10:00Z", Label.NEGATIVE, 0.9));
        try (ItemIndex index = new ItemIndex(data.resolve("index"))) {
            index.add(item("first", "herald", "2018-03-22T04:00:00Z", Label.NEGATIVE, 0.9)); // items on 1 of 14 days
            Alerts alerts = alerts(index, rules(List.of(Label.NEGATIVE), true));
            store(index, alerts, day);
            assertEquals(List.of(), alerts.checkSpikes());
        }
    }

    @Test
    void theServiceAlertsOnceOnEachNegativeStoryOfAnImportantSourceAsItCrawls() throws Exception {
        String hook = "http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook";
        // every demo outlet important and no age limit (the demo's stories are from 2018); the default confidence,
        // which the built-in classifier's clear verdicts must reach for an alert ever to be sent
        double sure = Settings.load(null).alerts().negativeConfidence();
        Alerts.Rules rules = new Alerts.Rules(List.of(), hook, sure, "36500d", new Alerts.SpikeRule(14, 3, 5, List.of(), false));
        try (DemoSite site = new DemoSite()) {
            List<Source> important = site.sources().stream().map(s -> new Source(s.id(), s.name(), s.feedUrl(), s.language(),
                    s.country(), s.kind(), s.local(), s.enabled(), s.sitemaps(), s.recheck(), true)).toList();
            Settings settings = Settings.load(null).withData(data.resolve("service")).withPort(0).withSources(important)
                    .withPerHostDelay("0ms").withAlerts(rules);
            long stories;
            try (Service service = new Service(settings)) {
                assertTrue(service.awaitFirstCrawl(5, java.util.concurrent.TimeUnit.MINUTES));
                List<Item> items = new ArrayList<>();
                service.index().forEach(items::add);
                stories = items.stream().filter(i -> i.classification() != null && i.classification().relevant()
                        && i.classification().label() == Label.NEGATIVE && i.classification().confidence() >= sure)
                        .map(Item::cluster).distinct().count();
                assertTrue(stories > 0, "the demo site has negative stories that the model is sure of");
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (posts.size() < stories && System.nanoTime() < deadline) Thread.sleep(50);
            }
            List<String> keys = new ArrayList<>();
            for (String post : posts) {
                JsonNode body = Json.MAPPER.readTree(post);
                assertEquals("important-negative", body.get("type").asText());
                keys.add(body.get("key").asText());
            }
            assertEquals(stories, keys.size(), "one post per negative story: " + keys);
            assertEquals(stories, keys.stream().distinct().count(), "none twice");
        }
    }

    @Test
    void theThresholdIsTheMeanPlusDeviationsOfAtLeastTheSpreadOfChance() {
        Alerts.SpikeRule rule = new Alerts.SpikeRule(14, 3, 5, List.of(Label.NEGATIVE), false);
        long[] steady = new long[14];
        Arrays.fill(steady, 4);
        Alerts.Baseline flat = rule.baseline(steady);
        assertEquals(0, flat.sd(), 1e-9);
        assertEquals(4 + 3 * 2, flat.threshold(), 1e-9, "a steady run: the square root of the mean stands in for the deviation");
        assertFalse(rule.isSpike(10, flat));
        assertTrue(rule.isSpike(11, flat));

        long[] swinging = new long[14];
        for (int i = 0; i < 14; i++) swinging[i] = i % 2 == 0 ? 0 : 20;
        Alerts.Baseline wide = rule.baseline(swinging);
        assertEquals(10, wide.sd(), 1e-9);
        assertFalse(rule.isSpike(40, wide));
        assertTrue(rule.isSpike(41, wide));

        Alerts.Baseline none = rule.baseline(new long[14]);
        assertFalse(rule.isSpike(4, none), "under min-count");
        assertTrue(rule.isSpike(5, none));
    }

    @Test
    void settingsThatCannotWorkAreRefusedWithTheirName() {
        Alerts.SpikeRule rule = new Alerts.SpikeRule(14, 3, 5, List.of(), true);
        IllegalArgumentException confidence = assertThrows(IllegalArgumentException.class,
                () -> new Alerts.Rules(List.of(), "", 1.5, "2d", rule).check());
        assertTrue(confidence.getMessage().contains("negative-confidence"));
        IllegalArgumentException url = assertThrows(IllegalArgumentException.class,
                () -> new Alerts.Rules(List.of(), "ftp://example.org/x", 0.8, "2d", rule).check());
        assertTrue(url.getMessage().contains("webhook-url"));
        IllegalArgumentException days = assertThrows(IllegalArgumentException.class,
                () -> new Alerts.Rules(List.of(), "", 0.8, "2d", new Alerts.SpikeRule(1, 3, 5, List.of(), true)).check());
        assertTrue(days.getMessage().contains("baseline-days"));
    }

    @Test
    void theAlertsSectionOfAConfigurationFileIsReadAndChecked() throws Exception {
        Path file = data.resolve("settings.yaml");
        Files.writeString(file, "alerts:\n  webhook-url: \"http://127.0.0.1:9/hook\"\n  spike:\n    labels: [negative, positive]\n");
        Settings settings = Settings.load(file);
        assertEquals("http://127.0.0.1:9/hook", settings.alerts().webhook());
        assertEquals(List.of(Label.NEGATIVE, Label.POSITIVE), settings.alerts().spike().watched());
        assertEquals(14, settings.alerts().spike().baselineDays(), "the rest from the defaults");

        Files.writeString(file, "alerts:\n  negative-confidence: 2\n");
        IOException wrong = assertThrows(IOException.class, () -> Settings.load(file));
        assertTrue(wrong.getMessage().contains("alerts.negative-confidence"), wrong.getMessage());
    }
}
