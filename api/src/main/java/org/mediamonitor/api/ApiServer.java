package org.mediamonitor.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.AuthenticationHandler;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.PlatformHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.validation.ValidatorException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.mediamonitor.crawler.SourceCatalog;
import org.mediamonitor.index.InvalidQueryException;
import org.mediamonitor.index.ItemIndex;
import org.mediamonitor.model.Classification;
import org.mediamonitor.model.CountInterval;
import org.mediamonitor.model.Evidence;
import org.mediamonitor.model.Item;
import org.mediamonitor.model.Label;
import org.mediamonitor.model.SavedQuery;
import org.mediamonitor.model.LabelCounts;
import org.mediamonitor.model.LedgerRow;
import org.mediamonitor.model.SearchPage;
import org.mediamonitor.model.SearchRequest;
import org.mediamonitor.model.Source;
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
    /** Enough for a bulk correction of 500 ids with a reason; larger bodies get 413. */
    private static final int MAX_BODY_BYTES = 64 * 1024;
    static final int MAX_BULK = 500;

    private final Vertx vertx;
    private final ItemIndex index;
    private final Pipeline pipeline;
    private final SourceCatalog sources;
    /** Room for the answers of a few thousand searches. */
    private final ResponseCache cache = new ResponseCache(64L << 20);
    private final int yearlyTarget;
    private final Access access;
    private final AuditLog audit;
    private final KpiSnapshots snapshots;
    private final Digests digests;
    private HttpServer server;
    private volatile DiskSpace disk;
    /**
     * Threads for the searches, counts and ledgers that are not yet answered: two per core, enough to keep
     * the cores busy while one thread waits for the disk, few enough that they do not crowd out the event
     * loops, which send the answers already known without waiting behind this work. (With 200 connections
     * on two cores, two threads per core answered changing KPI periods about three times as fast as
     * Vert.x's shared pool of 20, and changing searches as fast.)
     */
    private final WorkerExecutor readers;

    ApiServer(Vertx vertx, ItemIndex index, Pipeline pipeline, SourceCatalog sources, int yearlyTarget, Access access,
              AuditLog audit, KpiSnapshots snapshots, Digests digests) {
        this.sources = sources;
        this.audit = audit;
        this.digests = digests;
        this.snapshots = snapshots;
        this.vertx = vertx;
        this.index = index;
        this.pipeline = pipeline;
        this.yearlyTarget = yearlyTarget;
        this.access = access;
        this.readers = vertx.createSharedWorkerExecutor("media-monitor-readers",
                2 * Runtime.getRuntime().availableProcessors());
    }

    /** Starts listening; returns the port (useful when asked for port 0). */
    int start(String host, int port) throws Exception {
        OpenAPIContract contract = new ReusedValidators(await(OpenAPIContract.from(vertx, "openapi.yaml")));
        RequestExtractor extractor = RequestExtractor.withBodyHandler();
        RouterBuilder routes = RouterBuilder.create(vertx, contract, extractor);
        RequestValidation.install(vertx, contract, routes, extractor);
        // Vert.x orders root handlers by kind: the rate limit first, then the body, then who is asking
        PlatformHandler rateLimit = access::limitRate;
        routes.rootHandler(rateLimit);
        PlatformHandler roomForChanges = this::refuseChangesWhenFull;
        routes.rootHandler(roomForChanges);
        routes.rootHandler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        AuthenticationHandler authentication = ctx -> {
            if (ctx.request().path().startsWith("/api/")) access.authenticate(ctx);
            else ctx.next();
        };
        routes.rootHandler(authentication);
        Handler<RoutingContext> viewer = access.requires(Role.VIEWER);
        routes.getRoute("health").addHandler(this::health);
        routes.getRoute("search").addHandler(viewer).addHandler(this::search);
        routes.getRoute("counts").addHandler(viewer).addHandler(this::counts);
        routes.getRoute("kpi").addHandler(viewer).addHandler(this::kpi);
        routes.getRoute("kpiItems").addHandler(viewer).addHandler(this::kpiItems);
        routes.getRoute("listSnapshots").addHandler(viewer).addHandler(this::listSnapshots);
        routes.getRoute("getSnapshot").addHandler(viewer).addHandler(this::getSnapshot);
        routes.getRoute("freezeKpi").addHandler(access.requires(Role.EDITOR)).addHandler(this::freezeKpi);
        routes.getRoute("getItem").addHandler(viewer).addHandler(this::item);
        routes.getRoute("correctLabel").addHandler(access.requires(Role.EDITOR)).addHandler(this::correctLabel);
        routes.getRoute("correctLabels").addHandler(access.requires(Role.EDITOR)).addHandler(this::correctLabels);
        routes.getRoute("me").addHandler(this::me);
        routes.getRoute("review").addHandler(viewer).addHandler(this::review);
        routes.getRoute("listSources").addHandler(viewer).addHandler(this::sources);
        routes.getRoute("getSource").addHandler(viewer).addHandler(this::source);
        routes.getRoute("putSource").addHandler(access.requires(Role.ADMIN)).addHandler(this::putSource);
        routes.getRoute("patchSource").addHandler(access.requires(Role.ADMIN)).addHandler(this::patchSource);
        routes.getRoute("listQueries").addHandler(viewer).addHandler(this::listQueries);
        routes.getRoute("putQuery").addHandler(access.requires(Role.EDITOR)).addHandler(this::putQuery);
        routes.getRoute("deleteQuery").addHandler(access.requires(Role.EDITOR)).addHandler(this::deleteQuery);
        routes.getRoute("queryCounts").addHandler(viewer).addHandler(this::queryCounts);
        routes.getRoute("getDigest").addHandler(viewer).addHandler(this::digestJson);
        routes.getRoute("countsOverTime").addHandler(viewer).addHandler(this::countsOverTime);
        Router router = routes.createRouter();
        router.post("/login").handler(this::login);
        router.post("/logout").handler(this::logout);
        router.get("/openapi.yaml").handler(ctx -> ctx.response().putHeader("Content-Type", "application/yaml; charset=utf-8")
                .sendFile("openapi.yaml"));
        router.get("/digest/:day").handler(access::authenticate).handler(viewer).handler(this::digest);
        router.get("/metrics").handler(access::authenticate).handler(viewer).handler(PrometheusScrapingHandler.create());
        router.get("/docs").handler(ctx -> ctx.reroute("/docs.html"));
        router.route("/webjars/*").handler(StaticHandler.create("META-INF/resources/webjars"));
        router.route("/*").handler(StaticHandler.create("web").setCachingEnabled(false));
        router.route().failureHandler(this::failure);
        router.errorHandler(404, ctx -> problem(ctx, 404, "Not Found", "no such resource: " + ctx.request().path()));
        router.errorHandler(405, ctx -> problem(ctx, 405, "Method Not Allowed",
                ctx.request().method() + " is not allowed on " + ctx.request().path()));
        server = vertx.createHttpServer(new HttpServerOptions().setMaxInitialLineLength(8192).setMaxHeaderSize(16384))
                .requestHandler(router);
        try {
            server = await(server.listen(port, host));
        } catch (IllegalStateException e) {
            throw new IllegalStateException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        return server.actualPort();
    }

    /** Waits for a start-up step; never called on an event loop. */
    private static <T> T await(Future<T> step) throws InterruptedException {
        try {
            return step.toCompletionStage().toCompletableFuture().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
    }

    /** Changes are refused while the disk is full, so that the service stops short of losing its index; reads go on. */
    void refuseChangesWhenFull(DiskSpace watch) {
        this.disk = watch;
    }

    private void refuseChangesWhenFull(RoutingContext ctx) {
        io.vertx.core.http.HttpMethod method = ctx.request().method();
        boolean read = method == io.vertx.core.http.HttpMethod.GET || method == io.vertx.core.http.HttpMethod.HEAD
                || method == io.vertx.core.http.HttpMethod.OPTIONS;
        DiskSpace.State room = read || disk == null || !ctx.request().path().startsWith("/api/") ? null : disk.state();
        if (room == null || !room.full()) {
            ctx.next();
            return;
        }
        ctx.response().putHeader("Retry-After", "60");
        problem(ctx, 503, "Service Unavailable", room.detail() + "; changes are refused until there is room");
    }

    private void health(RoutingContext ctx) {
        blocking(ctx, () -> {
            Map<String, Object> body = new LinkedHashMap<>();
            DiskSpace.State room = disk == null ? null : disk.state();
            body.put("status", room != null && room.full() ? "degraded" : "up");
            body.put("items", index.size());
            body.put("crawler", pipeline.status());
            if (room != null) body.put("disk", room);
            return body;
        });
    }

    private void search(RoutingContext ctx) {
        MultiMap params = checked(ctx, Set.of("q", "from", "to", "label", "source", "lang", "size", "cursor", "format", "sort"));
        boolean csv = params.contains("format") ? params.get("format").equals("csv") : csvWanted(ctx);
        Instant from = params.contains("from") ? Period.day(params.get("from"), "from").atStartOfDay(Period.TAIPEI).toInstant() : null;
        Instant to = params.contains("to") ? Period.day(params.get("to"), "to").plusDays(1).atStartOfDay(Period.TAIPEI).toInstant() : null;
        if (from != null && to != null && !from.isBefore(to)) {
            throw new BadRequestException("from (" + params.get("from") + ") is after to (" + params.get("to") + ")");
        }
        Label label = params.contains("label") ? label(params.get("label")) : null;
        int size = params.contains("size") ? integer(params.get("size"), "size", 1, SearchRequest.MAX_SIZE) : DEFAULT_SIZE;
        SearchRequest.Sort sort = sort(params.get("sort"));
        SearchRequest request = new SearchRequest(params.get("q"), from, to, label, params.get("source"),
                params.get("lang"), size, params.get("cursor"), sort);
        cached(ctx, () -> {
            SearchPage page = index.search(request);
            if (!csv) return ResponseCache.Answer.json(page);
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Disposition", "attachment; filename=\"search.csv\"");
            headers.put("X-Total-Count", Long.toString(page.total()));
            // the next page of a CSV export is asked for with the same parameters and this cursor
            if (page.next() != null) headers.put("X-Next-Cursor", page.next());
            return new ResponseCache.Answer("text/csv; charset=utf-8", headers, Buffer.buffer(SearchCsv.write(page.items())));
        });
    }

    private void counts(RoutingContext ctx) {
        MultiMap params = checked(ctx, Set.of("from", "to"));
        LocalDate first = params.contains("from") ? Period.day(params.get("from"), "from") : LocalDate.of(1990, 1, 1);
        LocalDate last = params.contains("to") ? Period.day(params.get("to"), "to") : LocalDate.now(Period.TAIPEI);
        Period period = Period.range(first.toString(), last.toString());
        cached(ctx, () -> {
            LabelCounts counts = index.countByLabel(period.from(), period.to());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("from", period.first().toString());
            body.put("to", period.last().toString());
            body.putAll(Json.MAPPER.convertValue(counts, Map.class));
            return ResponseCache.Answer.json(body);
        });
    }

    private void kpi(RoutingContext ctx) {
        MultiMap params = checked(ctx, Set.of("year", "quarter", "month", "from", "to"));
        Period period = period(params);
        cached(ctx, () -> ResponseCache.Answer.json(Kpi.of(period, yearlyTarget, index.countByLabel(period.from(), period.to()), Instant.now())));
    }

    private void listQueries(RoutingContext ctx) {
        checked(ctx, Set.of());
        blocking(ctx, () -> Map.of("queries", index.savedQueries().list()));
    }

    private void putQuery(RoutingContext ctx) {
        JsonNode body = body(ctx, Set.of("name", "query"));
        String id = ctx.pathParam("id");
        SavedQuery query;
        try {
            query = new SavedQuery(id, body.hasNonNull("name") ? body.get("name").asText() : null, required(body, "query"));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        String who = ctx.get(Access.WHO);
        blocking(ctx, () -> {
            SavedQuery saved = index.savedQueries().put(query);
            audit.record(who, "query.put", id, Map.of("query", query.query(), "name", query.name()));
            return saved;
        });
    }

    private void deleteQuery(RoutingContext ctx) {
        checked(ctx, Set.of());
        String id = ctx.pathParam("id");
        String who = ctx.get(Access.WHO);
        blocking(ctx, () -> {
            if (!index.savedQueries().delete(id)) throw new NotFoundException("no saved query " + id);
            audit.record(who, "query.delete", id, Map.of());
            return id;
        }, deleted -> ctx.response().setStatusCode(204).end());
    }

    private void queryCounts(RoutingContext ctx) {
        MultiMap params = checked(ctx, Set.of("from", "to"));
        Period period = Period.range(params.get("from"), params.get("to"));
        String id = ctx.pathParam("id");
        blocking(ctx, () -> {
            SavedQuery saved = index.savedQueries().get(id).orElseThrow(() -> new NotFoundException("no saved query " + id));
            return index.counts(saved, period.from(), period.to());
        });
    }

    private void digestJson(RoutingContext ctx) {
        checked(ctx, Set.of());
        LocalDate day = Period.day(ctx.pathParam("day"), "the day");
        blocking(ctx, () -> digests.build(day));
    }

    private void sources(RoutingContext ctx) {
        checked(ctx, Set.of());
        blocking(ctx, () -> Map.of("sources", pipeline.sourceHealth()));
    }

    private void review(RoutingContext ctx) {
        MultiMap params = checked(ctx, Set.of("source", "lang", "size", "cursor"));
        int size = params.contains("size") ? integer(params.get("size"), "size", 1, SearchRequest.MAX_SIZE) : DEFAULT_SIZE;
        cached(ctx, () -> ResponseCache.Answer.json(index.reviewQueue(params.get("source"), params.get("lang"), size, params.get("cursor"))));
    }

    private void source(RoutingContext ctx) {
        checked(ctx, Set.of());
        String id = ctx.pathParam("id");
        blocking(ctx, () -> sourceHealth(id));
    }

    private Pipeline.SourceHealth sourceHealth(String id) {
        return pipeline.sourceHealth().stream().filter(h -> h.id().equals(id)).findFirst()
                .orElseThrow(() -> new NotFoundException("no source " + id));
    }

    /** Adds a source or replaces it whole: fields left out take their defaults. */
    private void putSource(RoutingContext ctx) {
        checked(ctx, Set.of());
        String id = ctx.pathParam("id");
        Source changed = SourceChanges.apply(id, body(ctx, SourceChanges.FIELDS), null);
        String who = ctx.get(Access.WHO);
        blocking(ctx, () -> {
            Source before = sources.find(id).orElse(null);
            Source kept = SourceChanges.keepLocal(before, changed);
            boolean added = sources.put(kept);
            audit.record(who, added ? "source.add" : "source.change", id, SourceChanges.describe(kept));
            return Map.entry(added, sourceHealth(id));
        }, answer -> json(ctx, answer.getKey() ? 201 : 200, answer.getValue()));
    }

    /** Changes the fields given and keeps the others. */
    private void patchSource(RoutingContext ctx) {
        checked(ctx, Set.of());
        String id = ctx.pathParam("id");
        JsonNode body = body(ctx, SourceChanges.FIELDS);
        String who = ctx.get(Access.WHO);
        blocking(ctx, () -> {
            Source before = sources.find(id).orElseThrow(() -> new NotFoundException("no source " + id));
            Source changed = SourceChanges.keepLocal(before, SourceChanges.apply(id, body, before));
            sources.put(changed);
            audit.record(who, changed.enabled() == before.enabled() ? "source.change"
                    : changed.enabled() ? "source.enable" : "source.disable", id, SourceChanges.describe(changed));
            return sourceHealth(id);
        });
    }

    private void countsOverTime(RoutingContext ctx) {
        MultiMap params = checked(ctx, Set.of("q", "from", "to", "interval"));
        Period period = Period.range(params.get("from"), params.get("to"));
        CountInterval interval;
        try {
            interval = params.contains("interval") ? CountInterval.parse(params.get("interval")) : CountInterval.WEEK;
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        if (interval == CountInterval.DAY && period.days() > 3 * 366) {
            throw new BadRequestException("at most three years of days; ask for weeks or months over a longer range");
        }
        blocking(ctx, () -> index.countsOverTime(params.get("q"), period.from(), period.to(), interval));
    }

    private void digest(RoutingContext ctx) {
        LocalDate day = Period.day(ctx.pathParam("day"), "the day");
        blocking(ctx, () -> DigestPage.html(digests.build(day)), html -> ctx.response().setStatusCode(200)
                .putHeader("Content-Type", "text/html; charset=utf-8").end(html));
    }

    private void login(RoutingContext ctx) {
        JsonNode body = body(ctx, Set.of("token"));
        Access.Session session = access.signIn(required(body, "token"))
                .orElseThrow(() -> new UnauthorisedException("the token is not valid"));
        ctx.response().addCookie(Cookie.cookie(Access.COOKIE, session.id()).setHttpOnly(true)
                .setSameSite(CookieSameSite.STRICT).setPath("/").setSecure(ctx.request().isSSL())
                .setMaxAge(Duration.between(Instant.now(), session.expires()).toSeconds()));
        audit.record("token:" + session.holder().name(), "session.start", session.holder().name(), Map.of());
        json(ctx, 200, Map.of("who", session.holder().name(), "role", session.holder().role().wireName(), "csrf", session.csrf()));
    }

    private void logout(RoutingContext ctx) {
        access.signOut(ctx);
        ctx.response().addCookie(Cookie.cookie(Access.COOKIE, "").setPath("/").setMaxAge(0).setHttpOnly(true));
        ctx.response().setStatusCode(204).end();
    }

    private void me(RoutingContext ctx) {
        checked(ctx, Set.of());
        Role role = ctx.get(Access.ROLE);
        Access.Session session = ctx.get(Access.SESSION);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("who", ctx.get(Access.WHO));
        body.put("role", role == null ? "anonymous" : role.wireName());
        if (session != null) body.put("csrf", session.csrf());
        json(ctx, 200, body);
    }

    private void kpiItems(RoutingContext ctx) {
        MultiMap params = checked(ctx, Set.of("year", "quarter", "month", "from", "to", "format"));
        String format = params.contains("format") ? params.get("format") : csvWanted(ctx) ? "csv" : "json";
        MultiMap periodParams = MultiMap.caseInsensitiveMultiMap().addAll(params).remove("format");
        Period period = period(periodParams);
        cached(ctx, () -> {
            List<LedgerRow> rows = index.ledger(period.from(), period.to(), false);
            if (format.equals("csv")) {
                return new ResponseCache.Answer("text/csv; charset=utf-8", Map.of("Content-Disposition",
                        "attachment; filename=\"kpi-" + period.name().replace('/', '_') + ".csv\""), Buffer.buffer(LedgerCsv.write(rows)));
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("period", period.name());
            body.put("total", rows.size());
            body.put("items", rows);
            return ResponseCache.Answer.json(body);
        });
    }

    private static boolean csvWanted(RoutingContext ctx) {
        String accept = ctx.request().getHeader("Accept");
        return accept != null && accept.contains("text/csv");
    }

    private void freezeKpi(RoutingContext ctx) {
        JsonNode body = body(ctx, Set.of("year", "quarter", "month", "from", "to", "note"));
        MultiMap params = MultiMap.caseInsensitiveMultiMap();
        body.fields().forEachRemaining(f -> {
            if (!f.getKey().equals("note")) params.add(f.getKey(), f.getValue().asText());
        });
        Period period = period(params);
        String note = body.hasNonNull("note") ? body.get("note").asText() : null;
        if (note != null && note.length() > 1000) throw new BadRequestException("note is longer than 1000 characters");
        String who = ctx.get(Access.WHO);
        blocking(ctx, () -> {
            var rows = index.ledger(period.from(), period.to(), false);
            Kpi kpi = Kpi.of(period, yearlyTarget, index.countByLabel(period.from(), period.to()), Instant.now());
            var snapshot = snapshots.freeze(new KpiSnapshots.Content(kpi.period(), kpi.from(), kpi.to(), kpi.target(),
                    kpi.total(), kpi.positive(), kpi.balanced(), kpi.negative(), rows), who, note);
            audit.record(who, "kpi.snapshot", snapshot.id(), Map.of("period", period.name(), "total", kpi.total(),
                    "sha256", snapshot.sha256()));
            return snapshot;
        }, snapshot -> {
            ctx.response().putHeader("Location", "/api/v1/kpi/snapshots/" + snapshot.id());
            json(ctx, 201, snapshot);
        });
    }

    private void listSnapshots(RoutingContext ctx) {
        checked(ctx, Set.of());
        blocking(ctx, () -> Map.of("snapshots", snapshots.list()));
    }

    private void getSnapshot(RoutingContext ctx) {
        checked(ctx, Set.of());
        String id = ctx.pathParam("id");
        blocking(ctx, () -> snapshots.get(id).orElseThrow(() -> new NotFoundException("no snapshot " + id)));
    }

    private void item(RoutingContext ctx) {
        checked(ctx, Set.of());
        String id = ctx.pathParam("id");
        blocking(ctx, () -> {
            Item item = index.get(id).orElseThrow(() -> new NotFoundException("no item " + id));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("item", item);
            body.put("cluster", index.members(item.cluster()).stream().map(m -> Map.of("id", m.id(), "url", m.url(),
                    "source", m.source() == null ? "" : m.source())).toList());
            body.put("savedQueries", index.savedQueryMatches(id));
            body.put("history", LabelHistory.of(item, audit.corrections(id)));
            return body;
        });
    }

    private void correctLabel(RoutingContext ctx) {
        JsonNode body = body(ctx, Set.of("label", "reason"));
        Label label = label(required(body, "label"));
        String reason = reason(body);
        String id = ctx.pathParam("id");
        String who = ctx.get(Access.WHO);
        blocking(ctx, () -> Map.of("corrected", correct(List.of(id), label, reason, who)));
    }

    private void correctLabels(RoutingContext ctx) {
        JsonNode body = body(ctx, Set.of("items", "label", "reason"));
        Label label = label(required(body, "label"));
        String reason = reason(body);
        JsonNode items = body.get("items");
        if (items == null || !items.isArray() || items.isEmpty()) throw new BadRequestException("items must be a non-empty list of item ids");
        if (items.size() > MAX_BULK) throw new BadRequestException("at most " + MAX_BULK + " items at a time; got " + items.size());
        List<String> ids = new ArrayList<>();
        for (JsonNode id : items) {
            if (!id.isTextual() || id.asText().length() > 100) throw new BadRequestException("items must be item ids (strings)");
            ids.add(id.asText());
        }
        String who = ctx.get(Access.WHO);
        blocking(ctx, () -> Map.of("corrected", correct(ids, label, reason, who)));
    }

    /** Applies a staff label to each item (and its cluster); every id must exist, checked before any change. */
    private List<String> correct(List<String> ids, Label label, String reason, String who) throws IOException {
        for (String id : ids) if (index.get(id).isEmpty()) throw new NotFoundException("no item " + id);
        String staff = "staff:" + (who.startsWith("token:") ? who.substring(6) : who);
        List<String> corrected = new ArrayList<>();
        for (String id : ids) {
            Item item = index.get(id).orElseThrow();
            List<Evidence> evidence = item.classification() == null ? List.of() : item.classification().evidence();
            Classification verdict = new Classification(true, label, 1.0, evidence, staff, Instant.now());
            Classification before = item.classification();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("label", label.wireName());
            details.put("reason", reason);
            details.put("previous", before == null || !before.relevant() ? "not-relevant" : before.label().wireName());
            details.put("previousBy", before == null ? null : before.decidedBy());
            details.put("previousAt", before == null || before.decidedAt() == null ? null : before.decidedAt().toString());
            // recorded before the change, so no change goes unrecorded; the cluster is what it will change
            details.put("items", index.members(item.cluster()).stream().map(Item::id).toList());
            audit.record(who, AuditLog.LABEL_CORRECTION, id, details);
            corrected.addAll(index.correct(id, verdict));
        }
        return corrected;
    }

    private static String reason(JsonNode body) {
        JsonNode reason = body.get("reason");
        if (reason == null || reason.isNull()) return null;
        if (!reason.isTextual() || reason.asText().length() > 2000) throw new BadRequestException("reason must be text of at most 2000 characters");
        return reason.asText();
    }

    private static String required(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual()) throw new BadRequestException(field + " is required (a string)");
        return value.asText();
    }

    /** The JSON object body, after refusing other fields. */
    private static JsonNode body(RoutingContext ctx, Set<String> allowed) {
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(ctx.body().asString("UTF-8") == null ? "" : ctx.body().asString("UTF-8"));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BadRequestException("the body is not valid JSON: " + e.getOriginalMessage());
        }
        if (body == null || !body.isObject()) throw new BadRequestException("the body must be a JSON object");
        body.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                throw new BadRequestException("unknown field '" + name + "'; this request takes " + String.join(", ", allowed.stream().sorted().toList()));
            }
        });
        return body;
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

    /** {@code date} (newest first, the default) or {@code relevance} (best match first). */
    private static SearchRequest.Sort sort(String text) {
        if (text == null || text.equals("date")) return SearchRequest.Sort.DATE;
        if (text.equals("relevance")) return SearchRequest.Sort.RELEVANCE;
        throw new BadRequestException("sort is date (newest first) or relevance (best match first); got '" + text + "'");
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

    /**
     * Runs reading work on a worker thread once per index version and request, and answers from the
     * cache after that (see {@link ResponseCache}).
     */
    private void cached(RoutingContext ctx, Callable<ResponseCache.Answer> work) {
        long version;
        try {
            version = index.version();
        } catch (IOException | RuntimeException e) {
            ctx.fail(e);
            return;
        }
        Future.fromCompletionStage(cache.get(version, requestKey(ctx), () -> readers.executeBlocking(work, false)),
                        vertx.getOrCreateContext())
                .onSuccess(answer -> answer.send(ctx.response()))
                .onFailure(ctx::fail);
    }

    /** The request as the cache knows it: path, parameters in a fixed order, and whether CSV is asked for. */
    private static String requestKey(RoutingContext ctx) {
        StringBuilder key = new StringBuilder(ctx.request().path()).append('?');
        ctx.queryParams().names().stream().sorted().forEach(name ->
                key.append(name).append('=').append(ctx.queryParams().get(name)).append('&'));
        return key.append(csvWanted(ctx) ? "|csv" : "|json").toString();
    }

    private <T> void blocking(RoutingContext ctx, Callable<T> work) {
        blocking(ctx, work, body -> json(ctx, 200, body));
    }

    /** Runs index work on a worker thread, then answers on the event loop. */
    private <T> void blocking(RoutingContext ctx, Callable<T> work, Handler<T> answer) {
        Future<T> result = vertx.executeBlocking(work, false);
        result.onSuccess(answer).onFailure(ctx::fail);
    }

    private void failure(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        while (failure instanceof CompletionException && failure.getCause() != null) failure = failure.getCause();
        ValidatorException invalid = validation(failure);
        if (failure instanceof UnauthorisedException) {
            problem(ctx, 401, "Unauthorized", failure.getMessage());
        } else if (failure instanceof NotFoundException) {
            problem(ctx, 404, "Not Found", failure.getMessage());
        } else if (failure instanceof BadRequestException || failure instanceof InvalidQueryException) {
            problem(ctx, 400, "Bad Request", failure.getMessage());
        } else if (invalid != null) {
            problem(ctx, 400, "Bad Request", invalid.getMessage());
        } else if (ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
            int status = ctx.statusCode();
            String detail = status == 413 ? "the request body is larger than " + MAX_BODY_BYTES / 1024 + " KB"
                    : failure != null && failure.getMessage() != null ? failure.getMessage() : "the request cannot be served as sent";
            problem(ctx, status, HttpResponseStatus.valueOf(status).reasonPhrase(), detail);
        } else {
            log.error("request {} {} failed", ctx.request().method(), ctx.request().path(), failure);
            problem(ctx, 500, "Internal Server Error", "the service failed to answer; the failure is logged");
        }
    }

    /** The request validator's finding, which the router may wrap in an HTTP exception. */
    private static ValidatorException validation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ValidatorException found) return found;
        }
        return null;
    }

    static void problem(RoutingContext ctx, int status, String title, String detail) {
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
        readers.close();
    }
}
