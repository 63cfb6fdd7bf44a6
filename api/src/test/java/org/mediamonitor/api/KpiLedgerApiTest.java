package org.mediamonitor.api;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.mediamonitor.model.Classification;
import org.mediamonitor.model.Item;
import org.mediamonitor.model.Label;

/** The KPI ledger, corrections and snapshots over real HTTP, with tokens of each role. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KpiLedgerApiTest {
    @TempDir
    static Path data;
    private Service service;
    private String viewer, editor;
    private final HttpClient http = HttpClient.newHttpClient();
    private static final List<String> PERIODS = List.of("year=2018", "year=107", "quarter=2018Q1", "quarter=2018Q2",
            "month=2018-03", "from=2018-03-10&to=2018-04-20");

    @BeforeAll
    void start() throws Exception {
        AccessTokens tokens = new AccessTokens(data);
        viewer = tokens.create("reader", Role.VIEWER);
        editor = tokens.create("alice", Role.EDITOR);
        service = new Service(Settings.load(null).withData(data).withPort(0).withSources(List.of()).withAnonymousRead(true));
        Label[] labels = {Label.POSITIVE, Label.BALANCED, Label.NEGATIVE};
        for (int i = 0; i < 30; i++) {
            String day = String.format("2018-%02d-%02dT02:00:00Z", 2 + i % 3, 1 + i);
            Classification c = i % 7 == 6 ? new Classification(false, null, 0.9, List.of(), "model:test", Instant.EPOCH)
                    : new Classification(true, labels[i % 3], 0.85, List.of(), "model:test", Instant.EPOCH);
            service.index().add(new Item("item" + i, "https://news.example/" + i, i % 2 == 0 ? "herald" : "daily",
                    "Taiwan story " + i, "Distinct text number " + i + " about Taipei.", Instant.parse(day), null, "en",
                    Instant.EPOCH, c, null));
        }
        service.index().commit();
    }

    @AfterAll
    void stop() throws Exception {
        service.close();
    }

    private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) request.header("Authorization", "Bearer " + token);
        if (body != null) request.header("Content-Type", "application/json");
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = send("GET", path, viewer, null);
        assertEquals(200, response.statusCode(), path + " → " + response.body());
        return Json.MAPPER.readTree(response.body());
    }

    private void assertEveryPeriodCountsItsRows() throws Exception {
        for (String period : PERIODS) {
            JsonNode kpi = get("/api/v1/kpi?" + period);
            JsonNode rows = get("/api/v1/kpi/items?" + period);
            assertEquals(kpi.get("total").asInt(), rows.get("items").size(), period);
            assertEquals(kpi.get("total").asInt(), rows.get("total").asInt(), period);
            long negative = 0;
            for (JsonNode row : rows.get("items")) if (row.get("label").asText().equals("negative")) negative++;
            assertEquals(kpi.get("negative").asLong(), negative, period);
            String csv = send("GET", "/api/v1/kpi/items?" + period + "&format=csv", viewer, null).body();
            assertEquals(kpi.get("total").asInt() + 1, csv.lines().count(), "a header and one line a row: " + period);
        }
    }

    @Test
    void theKpiTotalEqualsItsRowsBeforeAndAfterCorrectionsAndASnapshotStaysAsItWas() throws Exception {
        assertEveryPeriodCountsItsRows();
        JsonNode before = get("/api/v1/kpi?year=2018");
        assertTrue(before.get("total").asInt() > 10);

        HttpResponse<String> frozen = send("POST", "/api/v1/kpi/snapshots", editor, "{\"year\":\"2018\",\"note\":\"annual report\"}");
        assertEquals(201, frozen.statusCode(), frozen.body());
        JsonNode snapshot = Json.MAPPER.readTree(frozen.body());
        String location = frozen.headers().firstValue("Location").orElseThrow();

        // a balanced item becomes negative; a not-relevant one is brought into the count
        HttpResponse<String> one = send("PUT", "/api/v1/items/item1/label", editor, "{\"label\":\"negative\",\"reason\":\"hostile framing\"}");
        assertEquals(200, one.statusCode(), one.body());
        assertEquals(List.of("item1"), Json.MAPPER.convertValue(Json.MAPPER.readTree(one.body()).get("corrected"), List.class));
        HttpResponse<String> bulk = send("POST", "/api/v1/labels", editor, "{\"items\":[\"item6\",\"item13\"],\"label\":\"positive\"}");
        assertEquals(200, bulk.statusCode(), bulk.body());

        JsonNode after = get("/api/v1/kpi?year=2018");
        assertEquals(before.get("negative").asInt() + 1, after.get("negative").asInt(), "a correction counts at once");
        assertEquals(before.get("total").asInt() + 2, after.get("total").asInt());
        assertEveryPeriodCountsItsRows();
        assertEquals("staff:alice", get("/api/v1/items/item1").get("item").get("classification").get("decidedBy").asText());

        // the item comes in again (a re-crawl, a reprocess): the model classifies it, the staff label stays
        Item recrawled = service.index().get("item1").orElseThrow().withClassification(null);
        service.pipeline().store(recrawled);
        service.index().commit();
        assertEquals("staff:alice", get("/api/v1/items/item1").get("item").get("classification").get("decidedBy").asText(),
                "a correction survives reclassification");
        assertEquals(after, get("/api/v1/kpi?year=2018"));

        JsonNode again = get(location);
        assertEquals(snapshot.get("sha256"), again.get("sha256"));
        assertEquals(before.get("total").asInt(), again.get("content").get("total").asInt(), "the snapshot keeps the count it froze");
        assertEquals(before.get("total").asInt(), again.get("content").get("rows").size());
        assertEquals(1, get("/api/v1/kpi/snapshots").get("snapshots").size());
    }

    @Test
    void savedQueriesAreKeptCountedAndDeletedByEditors() throws Exception {
        JsonNode queries = get("/api/v1/queries").get("queries");
        assertTrue(queries.findValuesAsText("id").contains("taiwan"), "the default query is there: " + queries);

        String body = "{\"name\":\"Taipei stories\",\"query\":\"title:story AND Taipei\"}";
        assertEquals(403, send("PUT", "/api/v1/queries/taipei", viewer, body).statusCode());
        HttpResponse<String> saved = send("PUT", "/api/v1/queries/taipei", editor, body);
        assertEquals(200, saved.statusCode(), saved.body());
        assertEquals(400, send("PUT", "/api/v1/queries/broken", editor, "{\"query\":\"taipei AND (\"}").statusCode());
        assertEquals(400, send("PUT", "/api/v1/queries/bad%20id", editor, body).statusCode());

        JsonNode counts = get("/api/v1/queries/taipei/counts?from=2018-01-01&to=2018-12-31");
        JsonNode search = get("/api/v1/search?q=" + java.net.URLEncoder.encode("title:story AND Taipei", java.nio.charset.StandardCharsets.UTF_8)
                + "&from=2018-01-01&to=2018-12-31&size=1");
        assertEquals(search.get("total").asLong(), counts.get("total").asLong());
        assertTrue(counts.get("total").asLong() > 0);

        assertEquals(204, send("DELETE", "/api/v1/queries/taipei", editor, null).statusCode());
        assertEquals(404, send("DELETE", "/api/v1/queries/taipei", editor, null).statusCode());
        assertEquals(404, send("GET", "/api/v1/queries/taipei/counts?from=2018-01-01&to=2018-12-31", viewer, null).statusCode());
    }

    @Test
    void aDigestIsServedAsDataForAnyDay() throws Exception {
        JsonNode digest = get("/api/v1/digests/2018-03-05");
        assertEquals("2018-03-05", digest.get("day").asText());
        assertEquals(15, digest.get("history").size());
        assertEquals(400, send("GET", "/api/v1/digests/yesterday", viewer, null).statusCode());
    }

    @Test
    void onlyEditorsCorrectAndBadBodiesAreRefused() throws Exception {
        assertEquals(403, send("PUT", "/api/v1/items/item2/label", viewer, "{\"label\":\"negative\"}").statusCode());
        assertEquals(401, send("PUT", "/api/v1/items/item2/label", null, "{\"label\":\"negative\"}").statusCode());
        assertEquals(401, send("POST", "/api/v1/kpi/snapshots", null, "{\"year\":\"2018\"}").statusCode());
        assertEquals(404, send("PUT", "/api/v1/items/nothing/label", editor, "{\"label\":\"negative\"}").statusCode());
        List<String> bad = List.of("{\"label\":\"awful\"}", "{\"label\":\"negative\",\"colour\":\"red\"}", "not json",
                "{\"label\":5}", "[]", "{\"label\":\"negative\",\"reason\":\"'; DROP TABLE items; --\",\"x\":1}");
        for (String body : bad) {
            HttpResponse<String> response = send("PUT", "/api/v1/items/item2/label", editor, body);
            assertEquals(400, response.statusCode(), body + " → " + response.body());
            assertEquals(400, Json.MAPPER.readTree(response.body()).get("status").asInt());
        }
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 501; i++) many.add("\"item" + (i % 30) + "\"");
        assertEquals(400, send("POST", "/api/v1/labels", editor, "{\"items\":[" + String.join(",", many) + "],\"label\":\"positive\"}").statusCode());
        String huge = "{\"label\":\"negative\",\"reason\":\"" + "x".repeat(200_000) + "\"}";
        assertEquals(413, send("PUT", "/api/v1/items/item2/label", editor, huge).statusCode());
        assertEquals("model:test", get("/api/v1/items/item2").get("item").get("classification").get("decidedBy").asText(),
                "nothing refused changed the item");
    }

    @Test
    void anItemShowsHowItsLabelCameToBe() throws Exception {
        JsonNode before = get("/api/v1/items/item4").get("history");
        assertEquals(1, before.size(), before.toString());
        assertEquals("classified", before.get(0).get("action").asText());
        assertEquals("model:test", before.get(0).get("who").asText());
        assertEquals("balanced", before.get(0).get("to").asText());
        HttpResponse<String> corrected = send("PUT", "/api/v1/items/item4/label", editor,
                "{\"label\":\"positive\",\"reason\":\"quotes the minister approvingly\"}");
        assertEquals(200, corrected.statusCode(), corrected.body());
        JsonNode after = get("/api/v1/items/item4").get("history");
        assertEquals(2, after.size(), after.toString());
        assertEquals("classified", after.get(0).get("action").asText(), "the model's decision is kept after a correction");
        assertEquals("model:test", after.get(0).get("who").asText());
        assertEquals("balanced", after.get(0).get("to").asText());
        JsonNode correction = after.get(1);
        assertEquals("corrected", correction.get("action").asText());
        assertEquals("balanced", correction.get("from").asText());
        assertEquals("positive", correction.get("to").asText());
        assertEquals("quotes the minister approvingly", correction.get("reason").asText());
        assertTrue(correction.get("who").asText().contains("alice"), correction.toString());
    }

    @Test
    void searchResultsComeAsCsvWithTheTotalAndTheNextCursor() throws Exception {
        JsonNode page = get("/api/v1/search?q=Taiwan&size=5");
        HttpResponse<String> csv = send("GET", "/api/v1/search?q=Taiwan&size=5&format=csv", viewer, null);
        assertEquals(200, csv.statusCode(), csv.body());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        List<String> lines = csv.body().lines().toList();
        assertEquals("id,published,source,language,label,confidence,title,url", lines.getFirst());
        assertEquals(6, lines.size(), csv.body());
        assertEquals(page.get("total").asText(), csv.headers().firstValue("X-Total-Count").orElseThrow());
        assertEquals(page.get("next").asText(), csv.headers().firstValue("X-Next-Cursor").orElseThrow());
        assertTrue(lines.get(1).startsWith(page.get("items").get(0).get("id").asText() + ","));
        HttpRequest byAccept = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + "/api/v1/search?q=Taiwan"))
                .header("Authorization", "Bearer " + viewer).header("Accept", "text/csv").build();
        assertTrue(http.send(byAccept, HttpResponse.BodyHandlers.ofString()).body().startsWith("id,published,"));
    }

    @Test
    void aQueryTooComplexToServeIsRefusedWithWhatToDo() throws Exception {
        String words = String.join("%20OR%20", java.util.Collections.nCopies(101, "taiwan"));
        HttpResponse<String> tooMany = send("GET", "/api/v1/search?q=" + words, viewer, null);
        assertEquals(400, tooMany.statusCode());
        assertTrue(Json.MAPPER.readTree(tooMany.body()).get("detail").asText().contains("100"), tooMany.body());
        HttpResponse<String> wildcards = send("GET", "/api/v1/search?q=tai*%20chi*%20tra*%20str*%20pre*%20mil*", viewer, null);
        assertEquals(400, wildcards.statusCode(), wildcards.body());
    }

    @Test
    void theReviewQueueListsTheLeastSureFirstAndACorrectionTakesAnItemOut() throws Exception {
        double[] confidences = {0.45, 0.3, 0.9, 0.55};
        for (int i = 0; i < confidences.length; i++) {
            service.index().add(new Item("unsure" + i, "https://news.example/unsure/" + i, "herald", "Unsure story " + i,
                    "Text number " + i + " that the model found hard to read.", Instant.parse("2017-06-0" + (i + 1) + "T02:00:00Z"),
                    null, "en", Instant.EPOCH, new Classification(true, Label.BALANCED, confidences[i], List.of(), "model:test",
                    Instant.EPOCH), null));
        }
        service.index().commit();
        JsonNode queue = get("/api/v1/review?size=2");
        assertEquals(3, queue.get("total").asInt(), queue.toString());
        assertEquals("unsure1", queue.get("items").get(0).get("id").asText());
        assertEquals(0.3, queue.get("items").get(0).get("confidence").asDouble(), 1e-9);
        assertEquals("unsure0", queue.get("items").get(1).get("id").asText());
        JsonNode rest = get("/api/v1/review?size=2&cursor=" + queue.get("next").asText());
        assertEquals("unsure3", rest.get("items").get(0).get("id").asText());
        assertEquals(1, rest.get("items").size());
        assertEquals(200, send("PUT", "/api/v1/items/unsure1/label", editor, "{\"label\":\"negative\"}").statusCode());
        JsonNode after = get("/api/v1/review");
        assertEquals(2, after.get("total").asInt());
        assertEquals("unsure0", after.get("items").get(0).get("id").asText());
        assertEquals(0, get("/api/v1/review?source=daily").get("total").asInt());
        assertEquals(400, send("GET", "/api/v1/review?size=0", viewer, null).statusCode());
    }

    @Test
    void searchSortsByDateOrByRelevance() throws Exception {
        JsonNode newest = get("/api/v1/search?q=Taiwan%20OR%2012&size=30");
        JsonNode best = get("/api/v1/search?q=Taiwan%20OR%2012&size=30&sort=relevance");
        assertEquals(newest.get("total").asLong(), best.get("total").asLong(), "the order changes, not the matches");
        assertEquals("item12", best.get("items").get(0).get("id").asText(), "the item naming 12 matches best");
        List<String> dates = newest.get("items").findValuesAsText("published");
        List<String> sorted = new ArrayList<>(dates);
        sorted.sort(java.util.Comparator.reverseOrder());
        assertEquals(sorted, dates, "newest first by default");
        assertEquals(400, send("GET", "/api/v1/search?q=Taiwan&sort=oldest", viewer, null).statusCode());
    }
}
