package org.mediamonitor.api;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.mediamonitor.crawler.SourceCatalog;
import org.mediamonitor.model.Source;
import org.mediamonitor.model.SourceKind;

/** Sources listed, added, changed and disabled over real HTTP: only admins change them, and the changes last. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SourcesApiTest {
    @TempDir
    static Path data;
    private Service service;
    private String viewer, editor, admin;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        AccessTokens tokens = new AccessTokens(data);
        viewer = tokens.create("reader", Role.VIEWER);
        editor = tokens.create("alice", Role.EDITOR);
        admin = tokens.create("root", Role.ADMIN);
        Source local = new Source("lab", "Lab wire", "http://127.0.0.1:9/feed.xml", "en", "TW", SourceKind.WIRE, true, true);
        service = new Service(Settings.load(null).withData(data).withPort(0).withSources(List.of(local)));
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

    private JsonNode source(String id) throws Exception {
        HttpResponse<String> response = send("GET", "/api/v1/sources/" + id, viewer, null);
        assertEquals(200, response.statusCode(), response.body());
        return Json.MAPPER.readTree(response.body());
    }

    @Test
    void anAdminAddsChangesAndDisablesASourceAndTheChangesOutliveARestart() throws Exception {
        String herald = "{\"name\":\"Harbour Herald\",\"feedUrl\":\"https://herald.example/rss\",\"language\":\"en\","
                + "\"country\":\"sg\",\"kind\":\"opinion\",\"recheck\":\"30m\"}";
        assertEquals(403, send("PUT", "/api/v1/sources/herald", editor, herald).statusCode());
        assertEquals(401, send("PUT", "/api/v1/sources/herald", null, herald).statusCode());
        HttpResponse<String> added = send("PUT", "/api/v1/sources/herald", admin, herald);
        assertEquals(201, added.statusCode(), added.body());
        JsonNode body = Json.MAPPER.readTree(added.body());
        assertEquals("SG", body.get("country").asText());
        assertEquals("opinion", body.get("kind").asText());
        assertEquals(1800, body.get("recheckSeconds").asLong());
        assertTrue(body.get("enabled").asBoolean());
        assertEquals(200, send("PUT", "/api/v1/sources/herald", admin, herald).statusCode(), "the second PUT changes, not adds");

        HttpResponse<String> patched = send("PATCH", "/api/v1/sources/herald", admin, "{\"enabled\":false,\"important\":true}");
        assertEquals(200, patched.statusCode(), patched.body());
        JsonNode now = source("herald");
        assertFalse(now.get("enabled").asBoolean());
        assertTrue(now.get("important").asBoolean());
        assertEquals("Harbour Herald", now.get("name").asText(), "fields not named stay");
        assertTrue(service.pipeline().enabledSources().stream().noneMatch(s -> s.id().equals("herald")),
                "the crawler no longer polls a disabled source");

        JsonNode list = Json.MAPPER.readTree(send("GET", "/api/v1/sources", viewer, null).body()).get("sources");
        assertTrue(list.findValuesAsText("id").containsAll(List.of("lab", "herald")), list.toString());

        String audit = Files.readString(data.resolve("state/audit.jsonl"));
        assertTrue(audit.contains("\"source.add\"") && audit.contains("\"source.disable\""), audit);
        Source reread = new SourceCatalog(null, List.of(), data.resolve("state/sources.yaml")).find("herald").orElseThrow();
        assertFalse(reread.enabled());
        assertTrue(reread.important());
        assertEquals("https://herald.example/rss", reread.feedUrl());
    }

    @Test
    void theApiNeverMakesASourceLocal() throws Exception {
        assertTrue(source("lab").get("enabled").asBoolean());
        assertEquals(200, send("PATCH", "/api/v1/sources/lab", admin, "{\"important\":true}").statusCode());
        assertTrue(local("lab"), "a change that keeps the addresses keeps the configuration's local flag");
        assertEquals(200, send("PATCH", "/api/v1/sources/lab", admin, "{\"feedUrl\":\"http://127.0.0.1:22/\"}").statusCode());
        assertFalse(local("lab"), "new addresses are fetched as any outside source is, never from this machine");
    }

    private boolean local(String id) throws Exception {
        return service.services().sources.find(id).orElseThrow().local();
    }

    @Test
    void badSourcesAreRefusedWithTheFieldThatIsWrong() throws Exception {
        assertEquals(404, send("PATCH", "/api/v1/sources/nowhere", admin, "{\"enabled\":false}").statusCode());
        assertEquals(404, send("GET", "/api/v1/sources/nowhere", viewer, null).statusCode());
        List<String> bad = List.of("{\"name\":\"No address\"}", "{\"feedUrl\":\"file:///etc/passwd\"}",
                "{\"feedUrl\":\"javascript:alert(1)\"}", "{\"feedUrl\":\"https://user:pw@example.com/rss\"}",
                "{\"feedUrl\":\"https://ok.example/rss\",\"recheck\":\"5s\"}", "{\"feedUrl\":\"https://ok.example/rss\",\"recheck\":\"soon\"}",
                "{\"feedUrl\":\"https://ok.example/rss\",\"language\":\"<b>\"}", "{\"feedUrl\":\"https://ok.example/rss\",\"country\":\"ROC\"}",
                "{\"feedUrl\":\"https://ok.example/rss\",\"kind\":\"blog\"}", "{\"feedUrl\":\"https://ok.example/rss\",\"enabled\":\"no\"}",
                "{\"feedUrl\":\"https://ok.example/rss\",\"local\":true}");
        for (String body : bad) {
            HttpResponse<String> response = send("PUT", "/api/v1/sources/newcomer", admin, body);
            assertEquals(400, response.statusCode(), body + " → " + response.body());
            assertFalse(Json.MAPPER.readTree(response.body()).get("detail").asText().isBlank());
        }
        assertEquals(404, send("GET", "/api/v1/sources/newcomer", viewer, null).statusCode(), "nothing refused was added");
    }
}
