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

/** A service with anonymous reading off, as it runs by default: every API request needs a valid token. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiSecurityTest {
    @TempDir
    static Path data;
    private Service service;
    private String viewerToken;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        viewerToken = new AccessTokens(data).create("reporting-system", Role.VIEWER);
        service = new Service(Settings.load(null).withData(data).withPort(0).withSources(List.of()));
    }

    @AfterAll
    void stop() throws Exception {
        service.close();
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path));
        if (authorization != null) request.header("Authorization", authorization);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void withoutATokenTheApiAnswers401AndHealthStaysOpen() throws Exception {
        HttpResponse<String> response = get("/api/v1/kpi?year=2018", null);
        assertEquals(401, response.statusCode());
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        assertEquals(401, Json.MAPPER.readTree(response.body()).get("status").asInt());
        assertEquals(200, get("/health", null).statusCode());
    }

    @Test
    void aWrongTokenIs401AndAViewerTokenReads() throws Exception {
        assertEquals(401, get("/api/v1/kpi?year=2018", "Bearer mm_not-a-real-token").statusCode());
        assertEquals(401, get("/api/v1/kpi?year=2018", "Basic dXNlcjpwYXNz").statusCode());
        HttpResponse<String> ok = get("/api/v1/kpi?year=2018", "Bearer " + viewerToken);
        assertEquals(200, ok.statusCode(), ok.body());
        JsonNode kpi = Json.MAPPER.readTree(ok.body());
        assertEquals(0, kpi.get("total").asInt());
    }

    @Test
    void metricsAreServedInPrometheusFormatToTokenHolders() throws Exception {
        get("/api/v1/kpi?year=2018", "Bearer " + viewerToken);
        assertEquals(401, get("/metrics", null).statusCode());
        HttpResponse<String> metrics = get("/metrics", "Bearer " + viewerToken);
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("vertx_http_server_requests_total"), metrics.body().lines().limit(20).toList().toString());
    }

    @Test
    void tokensAreStoredOnlyAsHashes() throws Exception {
        String stored = Files.readString(data.resolve("state/tokens.json"));
        assertFalse(stored.contains(viewerToken));
        assertTrue(stored.contains(AccessTokens.hash(viewerToken)));
    }

    @Test
    void theOpenApiDocumentAndItsPageAreServed() throws Exception {
        HttpResponse<String> document = get("/openapi.yaml", null);
        assertEquals(200, document.statusCode());
        assertTrue(document.body().contains("operationId: kpi"));
        HttpResponse<String> page = get("/docs", null);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("swagger-ui-bundle.js"));
        assertEquals(200, get("/webjars/swagger-ui/5.32.6/swagger-ui-bundle.js", null).statusCode());
    }
}
