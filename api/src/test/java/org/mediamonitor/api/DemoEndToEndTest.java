package org.mediamonitor.api;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.mediamonitor.model.Item;

/**
 * The whole pipeline on real parts: the demo site on loopback, crawled over HTTP, classified with the
 * CoreNLP segmenter and the lexicon, indexed in a Lucene index on disk, and asked through the HTTP API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoEndToEndTest {
    @TempDir
    static Path data;
    private DemoSite site;
    private Service service;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void crawlTheDemoSite() throws Exception {
        site = new DemoSite();
        Settings settings = Settings.load(null).withData(data).withPort(0).withSources(site.sources())
                .withPerHostDelay("0ms").withAnonymousRead(true);
        service = new Service(settings);
        assertTrue(service.awaitFirstCrawl(5, TimeUnit.MINUTES), "the first crawl of the demo site ends");
    }

    @AfterAll
    void stop() throws Exception {
        service.close();
        site.close();
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(String pathAndQuery) throws Exception {
        HttpResponse<String> response = get(pathAndQuery);
        assertEquals(200, response.statusCode(), pathAndQuery + " → " + response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        return Json.MAPPER.readTree(response.body());
    }

    private List<Item> stored() throws Exception {
        List<Item> items = new ArrayList<>();
        service.index().forEach(items::add);
        return items;
    }

    @Test
    void everyDemoArticleIsStoredOnceAndClassified() throws Exception {
        List<Item> items = stored();
        assertEquals(site.articles().size(), items.size());
        Set<String> urls = new HashSet<>();
        for (Item item : items) {
            assertTrue(urls.add(item.url()), "stored twice: " + item.url());
            assertFalse(item.url().contains("utm_"), "tracking parameters are dropped: " + item.url());
            assertNotNull(item.published(), item.url());
            assertNotNull(item.classification(), item.url());
            assertFalse(item.text().isBlank(), item.url());
        }
        assertEquals(site.articles().stream().map(DemoSite.Article::language).collect(java.util.stream.Collectors.toSet()),
                items.stream().map(Item::language).collect(java.util.stream.Collectors.toSet()));
        JsonNode sources = json("/api/v1/sources").get("sources");
        assertEquals(3, sources.size());
        for (JsonNode source : sources) {
            assertTrue(source.get("itemsLast7Days").isInt(), source.toString());
            assertFalse(source.get("lastSuccess").isNull(), "each demo source was crawled: " + source);
        }
        JsonNode health = json("/health");
        assertEquals("up", health.get("status").asText());
        assertEquals(items.size(), health.get("items").asInt());
    }

    @Test
    void theKpiOfEachYearCountsTheLabelsOfTheIndexedItemsOncePerCluster() throws Exception {
        List<Item> items = stored();
        for (int year = 2017; year <= 2019; year++) {
            Period period = Period.year(Integer.toString(year));
            Map<String, Set<String>> clustersByLabel = new HashMap<>();
            for (Item item : items) {
                Instant when = item.published();
                if (!item.classification().relevant() || when.isBefore(period.from()) || !when.isBefore(period.to())) continue;
                clustersByLabel.computeIfAbsent(item.classification().label().wireName(), k -> new HashSet<>()).add(item.cluster());
            }
            JsonNode kpi = json("/api/v1/kpi?year=" + year);
            assertEquals(Integer.toString(year), kpi.get("period").asText());
            assertEquals(1550, kpi.get("target").asInt());
            for (String label : List.of("positive", "balanced", "negative")) {
                assertEquals(clustersByLabel.getOrDefault(label, Set.of()).size(), kpi.get(label).asInt(), year + " " + label);
            }
            assertEquals(kpi.get("positive").asInt() + kpi.get("balanced").asInt() + kpi.get("negative").asInt(),
                    kpi.get("total").asInt());
            assertTrue(kpi.get("total").asInt() > 0, "the demo has coverage in " + year);
            assertEquals(kpi, json("/api/v1/kpi?year=" + (year - 1911)), "the ROC year names the same period");
        }
        JsonNode q1 = json("/api/v1/kpi?quarter=2018Q1");
        JsonNode march = json("/api/v1/kpi?month=2018-03");
        JsonNode range = json("/api/v1/kpi?from=2018-03-01&to=2018-03-31");
        assertEquals(march.get("total"), range.get("total"));
        assertTrue(q1.get("total").asInt() >= march.get("total").asInt());
        assertEquals(1.0, json("/api/v1/kpi?year=2018").get("pace").get("elapsed").asDouble(), "2018 is over");
    }

    @Test
    void theWireStoryInBothScriptsIsOneCluster() throws Exception {
        Map<String, String> clusterBySlug = new HashMap<>();
        for (Item item : stored()) {
            if (item.url().contains("-wire-")) clusterBySlug.put(item.url(), item.cluster());
        }
        assertEquals(2, clusterBySlug.size());
        assertEquals(1, new HashSet<>(clusterBySlug.values()).size(), clusterBySlug.toString());
    }

    @Test
    void aSearchForEitherSpellingOfTaiwanFindsArticlesWrittenWithTheOthers() throws Exception {
        JsonNode page = json("/api/v1/search?q=" + URLEncoder.encode("臺灣", StandardCharsets.UTF_8) + "&size=200");
        Set<String> languages = new HashSet<>();
        boolean simplifiedSpelling = false, traditionalSpelling = false;
        for (JsonNode hit : page.get("items")) {
            languages.add(hit.get("language").asText());
            String snippet = hit.get("snippet").asText();
            if (snippet.contains("<mark>台湾</mark>")) simplifiedSpelling = true;
            if (snippet.contains("<mark>台灣</mark>")) traditionalSpelling = true;
        }
        assertTrue(simplifiedSpelling, "an article written with 台湾 is found and marked");
        assertTrue(traditionalSpelling, "an article written with 台灣 is found and marked");
        assertTrue(languages.containsAll(Set.of("zh-Hans", "zh-Hant")), languages.toString());
        assertEquals(page.get("items").size(), page.get("total").asInt());
        long facetSum = 0;
        for (JsonNode count : page.get("facets").get("language")) facetSum += count.asLong();
        assertEquals(page.get("total").asLong(), facetSum, "facets count every match");

        JsonNode english = json("/api/v1/search?q=Taiwan&lang=en&size=3");
        assertEquals(3, english.get("items").size());
        assertTrue(english.has("next"), "more than one page of English coverage");
        JsonNode second = json("/api/v1/search?q=Taiwan&lang=en&size=3&cursor=" + english.get("next").asText());
        assertNotEquals(english.get("items").get(0).get("id"), second.get("items").get(0).get("id"));
    }

    @Test
    void badRequestsAnswer400WithAProblemSayingWhatWasWrong() throws Exception {
        Map<String, String> expected = Map.of(
                "/api/v1/kpi?year=abc", "year",
                "/api/v1/kpi?from=2018-05-01&to=2018-01-01", "after",
                "/api/v1/kpi?year=2018&month=2018-03", "one way",
                "/api/v1/kpi?quarter=2018Q5", "quarter",
                "/api/v1/counts?from=2019-01-01&to=2018-01-01", "after",
                "/api/v1/search?label=good", "label",
                "/api/v1/search?q=taiwan&colour=red", "unknown parameter 'colour'",
                "/api/v1/search?size=100000", "size",
                "/api/v1/search?q=" + URLEncoder.encode("taiwan AND (", StandardCharsets.UTF_8), "",
                "/api/v1/search?cursor=garbage", "cursor");
        for (var entry : expected.entrySet()) {
            HttpResponse<String> response = get(entry.getKey());
            assertEquals(400, response.statusCode(), entry.getKey() + " → " + response.body());
            assertEquals("application/problem+json; charset=utf-8", response.headers().firstValue("Content-Type").orElse(""));
            JsonNode problem = Json.MAPPER.readTree(response.body());
            assertEquals(400, problem.get("status").asInt());
            assertTrue(problem.get("detail").asText().contains(entry.getValue()), entry.getKey() + " → " + problem);
        }
        HttpResponse<String> missing = get("/api/v1/nothing-here");
        assertEquals(404, missing.statusCode());
        assertEquals(404, Json.MAPPER.readTree(missing.body()).get("status").asInt());
    }

    @Test
    void countsOverARangeAgreeWithTheKpiOfItsYearsAndTheWebPageIsServed() throws Exception {
        JsonNode counts = json("/api/v1/counts?from=2017-01-01&to=2019-12-31");
        for (String label : List.of("positive", "balanced", "negative", "total")) {
            int sum = 0;
            for (int year = 2017; year <= 2019; year++) sum += json("/api/v1/kpi?year=" + year).get(label).asInt();
            assertEquals(sum, counts.get(label).asInt(), label);
        }
        assertTrue(counts.get("notRelevant").asInt() > 0, "the demo has items that only mention Taiwan in passing");
        HttpResponse<String> page = get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Media Monitor"));
    }
}
