package org.mediamonitor.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.mediamonitor.index.InvalidQueryException;
import org.mediamonitor.index.ItemIndex;
import org.mediamonitor.model.Label;
import org.mediamonitor.model.LabelCounts;
import org.mediamonitor.model.SearchRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP edge of the service: the JSON API, the web page and {@code /health}. Each handler reads
 * and checks its parameters, runs the index work on a worker thread, and writes JSON; every failure
 * becomes a problem+json answer (RFC 9457) with a status that says whose fault it was.
 */
final class ApiServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
    private static final int DEFAULT_SIZE = 20;
    private static final int MAX_PARAMETER_LENGTH = 1000;

    private final Vertx vertx;
    private final ItemIndex index;
    private final Pipeline pipeline;
    private final int yearlyTarget;
    private HttpServer server;

    ApiServer(Vertx vertx, ItemIndex index, Pipeline pipeline, int yearlyTarget) {
        this.vertx = vertx;
        this.index = index;
        this.pipeline = pipeline;
        this.yearlyTarget = yearlyTarget;
    }

    /** Starts listening; returns the port (useful when asked for port 0). */
    int start(String host, int port) throws Exception {
        Router router = Router.router(vertx);
        router.get("/health").handler(this::health);
        router.get("/api/v1/search").handler(this::search);
        router.get("/api/v1/counts").handler(this::counts);
        router.get("/api/v1/kpi").handler(this::kpi);
        router.route("/*").handler(StaticHandler.create("web").setCachingEnabled(false));
        router.route().failureHandler(this::failure);
        router.errorHandler(404, ctx -> problem(ctx, 404, "Not Found", "no such resource: " + ctx.request().path()));
        router.errorHandler(405, ctx -> problem(ctx, 405, "Method Not Allowed",
                ctx.request().method() + " is not allowed on " + ctx.request().path()));
        server = vertx.createHttpServer(new HttpServerOptions().setMaxInitialLineLength(8192).setMaxHeaderSize(16384))
                .requestHandler(router);
        try {
            server = server.listen(port, host).toCompletionStage().toCompletableFuture().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot listen on " + host + ":" + port + ": " + e.getCause().getMessage(), e.getCause());
        }
        return server.actualPort();
    }

    private void health(RoutingContext ctx) {
        blocking(ctx, () -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", "up");
            body.put("items", index.size());
            body.put("crawler", pipeline.status());
            return body;
        });
    }

    private void search(RoutingContext ctx) {
        MultiMap params = checked(ctx, Set.of("q", "from", "to", "label", "source", "lang", "size", "cursor"));
        Instant from = params.contains("from") ? Period.day(params.get("from"), "from").atStartOfDay(Period.TAIPEI).toInstant() : null;
        Instant to = params.contains("to") ? Period.day(params.get("to"), "to").plusDays(1).atStartOfDay(Period.TAIPEI).toInstant() : null;
        if (from != null && to != null && !from.isBefore(to)) {
            throw new BadRequestException("from (" + params.get("from") + ") is after to (" + params.get("to") + ")");
        }
        Label label = params.contains("label") ? label(params.get("label")) : null;
        int size = params.contains("size") ? integer(params.get("size"), "size", 1, SearchRequest.MAX_SIZE) : DEFAULT_SIZE;
        SearchRequest request = new SearchRequest(params.get("q"), from, to, label, params.get("source"),
                params.get("lang"), size, params.get("cursor"));
        blocking(ctx, () -> index.search(request));
    }

    private void counts(RoutingContext ctx) {
        MultiMap params = checked(ctx, Set.of("from", "to"));
        LocalDate first = params.contains("from") ? Period.day(params.get("from"), "from") : LocalDate.of(1990, 1, 1);
        LocalDate last = params.contains("to") ? Period.day(params.get("to"), "to") : LocalDate.now(Period.TAIPEI);
        Period period = Period.range(first.toString(), last.toString());
        blocking(ctx, () -> {
            LabelCounts counts = index.countByLabel(period.from(), period.to());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("from", period.first().toString());
            body.put("to", period.last().toString());
            body.putAll(Json.MAPPER.convertValue(counts, Map.class));
            return body;
        });
    }

    private void kpi(RoutingContext ctx) {
        MultiMap params = checked(ctx, Set.of("year", "quarter", "month", "from", "to"));
        Period period = period(params);
        blocking(ctx, () -> Kpi.of(period, yearlyTarget, index.countByLabel(period.from(), period.to()), Instant.now()));
    }

    /** Exactly one way of naming the period: year, quarter, month, or from and to. */
    static Period period(MultiMap params) {
        int forms = (params.contains("year") ? 1 : 0) + (params.contains("quarter") ? 1 : 0)
                + (params.contains("month") ? 1 : 0) + (params.contains("from") || params.contains("to") ? 1 : 0);
        if (forms != 1) {
            throw new BadRequestException("name the period in one way: year=2018 (or 107), quarter=2018Q1, month=2018-03, or from=YYYY-MM-DD&to=YYYY-MM-DD");
        }
        if (params.contains("year")) return Period.year(params.get("year"));
        if (params.contains("quarter")) return Period.quarter(params.get("quarter"));
        if (params.contains("month")) return Period.month(params.get("month"));
        return Period.range(params.get("from"), params.get("to"));
    }

    /** The query parameters, after refusing unknown, repeated and over-long ones. */
    private static MultiMap checked(RoutingContext ctx, Set<String> allowed) {
        MultiMap params = ctx.queryParams();
        for (String name : params.names()) {
            if (!allowed.contains(name)) {
                throw new BadRequestException("unknown parameter '" + name + "'; this endpoint takes " + String.join(", ", allowed.stream().sorted().toList()));
            }
            if (params.getAll(name).size() > 1) throw new BadRequestException("parameter '" + name + "' is given more than once");
            if (params.get(name).length() > MAX_PARAMETER_LENGTH) {
                throw new BadRequestException("parameter '" + name + "' is longer than " + MAX_PARAMETER_LENGTH + " characters");
            }
        }
        return params;
    }

    private static Label label(String text) {
        try {
            return Label.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    private static int integer(String text, String name, int min, int max) {
        try {
            int value = Integer.parseInt(text.strip());
            if (value < min || value > max) throw new NumberFormatException();
            return value;
        } catch (NumberFormatException e) {
            throw new BadRequestException(name + " must be a whole number from " + min + " to " + max + "; got '" + text + "'");
        }
    }

    private <T> void blocking(RoutingContext ctx, Callable<T> work) {
        Future<T> result = vertx.executeBlocking(work, false);
        result.onSuccess(body -> json(ctx, 200, body)).onFailure(ctx::fail);
    }

    private void failure(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure instanceof BadRequestException || failure instanceof InvalidQueryException) {
            problem(ctx, 400, "Bad Request", failure.getMessage());
        } else if (failure == null) {
            int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
            problem(ctx, status, status < 500 ? "Bad Request" : "Internal Server Error", "the request could not be served");
        } else {
            log.error("request {} {} failed", ctx.request().method(), ctx.request().uri(), failure);
            problem(ctx, 500, "Internal Server Error", "the service failed to answer; the failure is logged");
        }
    }

    private static void problem(RoutingContext ctx, int status, String title, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", ctx.request().path());
        write(ctx, status, "application/problem+json", body);
    }

    private static void json(RoutingContext ctx, int status, Object body) {
        write(ctx, status, "application/json", body);
    }

    private static void write(RoutingContext ctx, int status, String type, Object body) {
        if (ctx.response().ended()) return;
        try {
            ctx.response().setStatusCode(status).putHeader("Content-Type", type + "; charset=utf-8")
                    .end(Json.MAPPER.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            log.error("response for {} cannot be written as JSON", ctx.request().uri(), e);
            ctx.response().setStatusCode(500).end();
        }
    }

    @Override
    public void close() {
        if (server != null) server.close();
    }
}
