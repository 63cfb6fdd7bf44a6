package org.mediamonitor.api;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.mediamonitor.model.Classification;
import org.mediamonitor.model.Item;
import org.mediamonitor.model.Label;

/**
 * Bad input on every operation of the OpenAPI document — unknown parameters, wrong types,
 * injection-looking and over-long values, broken and oversized bodies — answers 4xx with a problem+json
 * body, never 500. The operations are read from the document itself, so a new endpoint is covered
 * as soon as it is described.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiInputTest {
    @TempDir
    static Path data;
    private Service service;
    private String admin;
    private final HttpClient http = HttpClient.newHttpClient();
    private static final List<String> HOSTILE = List.of("'; DROP TABLE items; --", "\" OR \"1\"=\"1", "<script>alert(1)</script>",
            "../../../../etc/passwd", "${jndi:ldap://127.0.0.1/x}", "%00", "\u0000", "-1", "1e309", "{}", "[]",
            "NaN", "２０１８", "x".repeat(999), "((((((((((((((((((((((((a))))))))))))))))))))))))", "title:", "\"unclosed");
    private static final List<String> BAD_BODIES = List.of("not json", "[]", "5", "null", "{\"unknownField\":1}",
            "{\"label\":{\"nested\":[1,2,3]}}", "{\"name\":" + "[".repeat(5000) + "]".repeat(5000) + "}");

    @BeforeAll
    void start() throws Exception {
        admin = new AccessTokens(data).create("root", Role.ADMIN);
        service = new Service(Settings.load(null).withData(data).withPort(0).withSources(List.of()));
        service.index().add(new Item("item1", "https://news.example/1", "herald", "Taiwan story", "Text about Taipei.",
                Instant.parse("2018-03-05T02:00:00Z"), null, "en", Instant.EPOCH,
                new Classification(true, Label.BALANCED, 0.5, List.of(), "model:test", Instant.EPOCH), null));
        service.index().commit();
    }

    @AfterAll
    void stop() throws Exception {
        service.close();
    }

    /** Every operation: method, path with its parameters filled in, the query parameters it declares. */
    private record Operation(String method, String path, List<JsonNode> query, boolean hasBody) {
    }

    private static List<Operation> operations() throws Exception {
        JsonNode document;
        try (InputStream in = ApiServer.class.getResourceAsStream("/openapi.yaml")) {
            document = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext(); ) {
                Map.Entry<String, JsonNode> method = methods.next();
                List<JsonNode> query = new ArrayList<>();
                JsonNode parameters = method.getValue().get("parameters");
                if (parameters != null) for (JsonNode p : parameters) if (p.get("in").asText().equals("query")) query.add(p);
                String filled = path.getKey().replace("{id}", "item1").replace("{day}", "2018-03-05");
                operations.add(new Operation(method.getKey().toUpperCase(), filled, query, method.getValue().has("requestBody")));
            }
        }
        return operations;
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path))
                .header("Authorization", "Bearer " + admin)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) request.header("Content-Type", "application/json");
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertProblem(HttpResponse<String> response, String what) throws Exception {
        int status = response.statusCode();
        assertTrue(status >= 400 && status < 500, what + " → " + status + " " + response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), what);
        JsonNode problem = Json.MAPPER.readTree(response.body());
        assertEquals(status, problem.get("status").asInt(), what);
        assertFalse(problem.get("detail").asText().isBlank(), what);
        assertFalse(response.body().contains("Exception"), what + " shows no stack trace: " + response.body());
    }

    private static void assertNoServerError(HttpResponse<String> response, String what) throws Exception {
        assertTrue(response.statusCode() < 500, what + " → " + response.statusCode() + " " + response.body());
        if (response.statusCode() >= 400) assertProblem(response, what);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void anUnknownParameterIsRefusedByEveryOperation() throws Exception {
        int checked = 0;
        for (Operation op : operations()) {
            if (!op.path().startsWith("/api/")) continue;
            assertProblem(send(op.method(), op.path() + "?colour=red", op.hasBody() ? "{}" : null), op + " with colour=red");
            checked++;
        }
        assertTrue(checked >= 20, "the document describes the API's operations: " + checked);
    }

    @Test
    void hostileAndMistypedParameterValuesNeverFailTheService() throws Exception {
        for (Operation op : operations()) {
            if (!op.method().equals("GET")) continue;
            for (JsonNode parameter : op.query()) {
                String name = parameter.get("name").asText();
                JsonNode schema = parameter.get("schema");
                boolean typed = schema != null && (schema.has("enum") || schema.has("format") || schema.has("$ref")
                        || schema.path("type").asText().equals("integer"));
                for (String value : HOSTILE) {
                    HttpResponse<String> response = send("GET", op.path() + "?" + name + "=" + encode(value), null);
                    String what = "GET " + op.path() + " " + name + "=" + value;
                    assertNoServerError(response, what);
                    // a date, a number or a word from a list cannot be any of these
                    if (typed) assertProblem(response, what);
                }
                assertProblem(send("GET", op.path() + "?" + name + "=" + "x".repeat(5000), null), op.path() + " " + name + " over-long");
                assertProblem(send("GET", op.path() + "?" + name + "=1&" + name + "=2", null), op.path() + " " + name + " twice");
            }
        }
    }

    @Test
    void brokenWrongAndOversizedBodiesAreRefused() throws Exception {
        Set<String> seen = new java.util.HashSet<>();
        for (Operation op : operations()) {
            if (!op.hasBody()) continue;
            seen.add(op.method() + " " + op.path());
            for (String body : BAD_BODIES) assertProblem(send(op.method(), op.path(), body), op.method() + " " + op.path() + " " + body);
            HttpResponse<String> huge = send(op.method(), op.path(), "{\"reason\":\"" + "x".repeat(300_000) + "\"}");
            assertEquals(413, huge.statusCode(), op.method() + " " + op.path() + " oversized");
            assertProblem(huge, op.method() + " " + op.path() + " oversized");
        }
        assertTrue(seen.contains("PUT /api/v1/items/item1/label") && seen.contains("PUT /api/v1/sources/item1"), seen.toString());
    }

    @Test
    void hostilePathSegmentsAreRefusedOrNotFound() throws Exception {
        for (String segment : List.of("..%2F..%2Fetc%2Fpasswd", "%00", "%3Cscript%3E", "x".repeat(300), "%27%20OR%201%3D1")) {
            for (String path : List.of("/api/v1/items/", "/api/v1/sources/", "/api/v1/queries/", "/api/v1/kpi/snapshots/",
                    "/api/v1/digests/", "/digest/")) {
                HttpResponse<String> response = send("GET", path + segment, null);
                assertTrue(response.statusCode() == 400 || response.statusCode() == 404, path + segment + " → " + response.statusCode());
            }
        }
    }

    /** One well-formed request for an operation, and the status it must get. */
    private record Call(String operationId, String method, String path, String body, int status) {
    }

    @Test
    void everyOperationAnswersAWellFormedRequest() throws Exception {
        List<Call> calls = List.of(
                new Call("health", "GET", "/health", null, 200),
                new Call("me", "GET", "/api/v1/me", null, 200),
                new Call("search", "GET", "/api/v1/search?q=Taiwan&from=2018-01-01&to=2018-12-31&label=balanced&size=5", null, 200),
                new Call("counts", "GET", "/api/v1/counts?from=2018-01-01&to=2018-12-31", null, 200),
                new Call("countsOverTime", "GET", "/api/v1/counts/over-time?q=Taipei&from=2018-01-01&to=2018-12-31&interval=month", null, 200),
                new Call("kpi", "GET", "/api/v1/kpi?quarter=2018Q1", null, 200),
                new Call("kpiItems", "GET", "/api/v1/kpi/items?month=2018-03", null, 200),
                new Call("freezeKpi", "POST", "/api/v1/kpi/snapshots", "{\"year\":\"2018\",\"note\":\"for the report\"}", 201),
                new Call("listSnapshots", "GET", "/api/v1/kpi/snapshots", null, 200),
                new Call("getItem", "GET", "/api/v1/items/item1", null, 200),
                new Call("correctLabel", "PUT", "/api/v1/items/item1/label", "{\"label\":\"positive\",\"reason\":\"checked\"}", 200),
                new Call("correctLabels", "POST", "/api/v1/labels", "{\"items\":[\"item1\"],\"label\":\"balanced\"}", 200),
                new Call("review", "GET", "/api/v1/review?size=5", null, 200),
                new Call("putQuery", "PUT", "/api/v1/queries/chips", "{\"name\":\"Chips\",\"query\":\"chip OR 晶片\"}", 200),
                new Call("listQueries", "GET", "/api/v1/queries", null, 200),
                new Call("queryCounts", "GET", "/api/v1/queries/chips/counts?from=2018-01-01&to=2018-12-31", null, 200),
                new Call("deleteQuery", "DELETE", "/api/v1/queries/chips", null, 204),
                new Call("putSource", "PUT", "/api/v1/sources/herald", "{\"feedUrl\":\"https://herald.example/rss\"}", 201),
                new Call("listSources", "GET", "/api/v1/sources", null, 200),
                new Call("getSource", "GET", "/api/v1/sources/herald", null, 200),
                new Call("patchSource", "PATCH", "/api/v1/sources/herald", "{\"enabled\":false}", 200),
                new Call("getDigest", "GET", "/api/v1/digests/2018-03-05", null, 200));
        Set<String> covered = new java.util.TreeSet<>();
        String snapshot = null;
        for (Call call : calls) {
            HttpResponse<String> response = send(call.method(), call.path(), call.body());
            assertEquals(call.status(), response.statusCode(), call + " → " + response.body());
            if (call.operationId().equals("freezeKpi")) snapshot = Json.MAPPER.readTree(response.body()).get("id").asText();
            covered.add(call.operationId());
        }
        assertEquals(200, send("GET", "/api/v1/kpi/snapshots/" + snapshot, null).statusCode());
        covered.add("getSnapshot");
        JsonNode document;
        try (InputStream in = ApiServer.class.getResourceAsStream("/openapi.yaml")) {
            document = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        assertEquals(new java.util.TreeSet<>(document.findValuesAsText("operationId")), covered,
                "every operation of the document has a well-formed request here");
    }
}
