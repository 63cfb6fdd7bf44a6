package org.mediamonitor.api;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.mediamonitor.crawler.Crawler;
import org.mediamonitor.index.ItemIndex;
import org.mediamonitor.model.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running service: the HTTP API over the index, and the crawler visiting each source on its own
 * schedule (checked every minute, the first pass at once) and on its own thread, so that no source waits
 * for another; the sources file is read again when it changes. While the disk of the data folder is full
 * ({@link DiskSpace}) no visit starts and changes through the API are refused. Closing it stops the crawler, then the HTTP server, and commits
 * and closes the index.
 */
final class Service implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Service.class);
    /** How often the service looks for sources whose next visit is due. */
    private static final Duration CHECK_EVERY = Duration.ofMinutes(1);

    private final Services services;
    private final Vertx vertx;
    private final ApiServer api;
    private final ScheduledExecutorService crawls;
    /** The visits of sources, one thread each, up to {@code crawler.parallel-sources}. */
    private final ExecutorService visits;
    private final Set<String> visiting = ConcurrentHashMap.newKeySet();
    private final DiskSpace disk;
    private final ScheduledExecutorService daily = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "digest"));
    private final Digests digests;
    private final Outbox outbox;
    private final Alerts alerts;
    private final LocalTime digestTime;
    private final CountDownLatch firstPass = new CountDownLatch(1);
    private final int port;

    Service(Settings settings) throws Exception {
        this.services = new Services(settings);
        this.disk = new DiskSpace(settings.data(), settings.crawler().minFreeMegabytes() << 20);
        services.pipeline.storeOnlyWithRoom(disk);
        // one event loop per core (Vert.x would start two): the loops only check requests and send answers,
        // while searches run on the API's reader threads; more loops than cores only take turns on the cores and
        // lengthen the slowest answers
        this.vertx = Vertx.builder()
                .with(new VertxOptions().setEventLoopPoolSize(Runtime.getRuntime().availableProcessors())
                        .setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
                                .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))))
                .withMetrics(new MicrometerMetricsFactory())
                .build();
        this.outbox = new Outbox(vertx, settings.data(), settings.digest().mail().smtp());
        this.api = new ApiServer(vertx, services.index, services.pipeline, services.sources, settings.kpi().yearlyTarget(),
                new Access(new AccessTokens(settings.data()), settings.server().anonymousRead(),
                        settings.server().maxRequestsPerMinute()),
                services.audit, new KpiSnapshots(settings.data()),
                digests = new Digests(services.index, settings.data(), settings.digest().mail(), outbox));
        api.refuseChangesWhenFull(disk);
        try {
            this.port = api.start(settings.server().host(), settings.server().port());
        } catch (Exception e) {
            outbox.close();
            vertx.close();
            services.close();
            throw e;
        }
        this.alerts = new Alerts(services.index, id -> services.sources.find(id).orElse(null), outbox, settings.alerts(),
                settings.digest().from(), settings.digest().recipients(), settings.data(), java.time.Clock.systemUTC());
        services.pipeline.onStored(alerts::stored);
        this.crawls = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "crawl"));
        AtomicInteger visitThreads = new AtomicInteger();
        this.visits = Executors.newFixedThreadPool(Math.max(1, settings.crawler().parallelSources()),
                r -> new Thread(r, "crawl-" + visitThreads.incrementAndGet()));
        long tick = Math.min(CHECK_EVERY.toMillis(), settings.crawler().intervalDuration().toMillis());
        crawls.scheduleWithFixedDelay(this::crawlDue, 0, tick, TimeUnit.MILLISECONDS);
        this.digestTime = settings.digest().at();
        scheduleDigest();
        catchUpDigest();
    }

    /** Sends yesterday's digest now if its time has passed and it was not sent (the service was down then). */
    private void catchUpDigest() {
        ZonedDateTime now = ZonedDateTime.now(Period.TAIPEI);
        LocalDate yesterday = now.toLocalDate().minusDays(1);
        if (now.toLocalTime().isBefore(digestTime) || !digests.due(yesterday)) return;
        daily.execute(() -> {
            try {
                digests.send(digests.build(yesterday));
                log.info("digest {} built late: the service was not running at {}", yesterday, digestTime);
            } catch (IOException | RuntimeException e) {
                log.error("digest {} failed: {}", yesterday, e.getMessage(), e);
            }
        });
    }

    /** The next digest, at the configured time in Asia/Taipei, for the day before. */
    private void scheduleDigest() {
        ZonedDateTime now = ZonedDateTime.now(Period.TAIPEI);
        ZonedDateTime next = now.toLocalDate().atTime(digestTime).atZone(Period.TAIPEI);
        if (!next.isAfter(now)) next = next.plusDays(1);
        LocalDate day = next.toLocalDate().minusDays(1);
        daily.schedule(() -> {
            try {
                digests.send(digests.build(day));
                log.info("digest {} built", day);
            } catch (IOException | RuntimeException e) {
                log.error("digest {} failed: {}", day, e.getMessage(), e);
            }
            scheduleDigest();
        }, Duration.between(now, next).toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Starts a visit of each source that is due and not being visited, as the sources file says now (it is
     * read again when it changes). Each visit runs on its own thread, so a source that is slow, hangs or
     * drops connections holds up no other; nothing starts while the disk is full. A pass is the visits
     * started by one look: it is logged once all of them have ended.
     */
    private void crawlDue() {
        boolean started = false;
        try {
            if (!disk.hasRoom()) return;
            List<Source> due = services.pipeline.due(services.pipeline.enabledSources()).stream()
                    .filter(source -> visiting.add(source.id())).toList();
            if (due.isEmpty()) return;
            List<CompletableFuture<Crawler.Report>> pass = new ArrayList<>();
            for (Source source : due) pass.add(CompletableFuture.supplyAsync(() -> visit(source), visits));
            started = true;
            CompletableFuture.allOf(pass.toArray(CompletableFuture[]::new)).whenComplete((done, failure) -> {
                List<Crawler.Report> reports = pass.stream().map(f -> f.getNow(null)).filter(Objects::nonNull).toList();
                log.info("crawl pass done: {} sources, {} new items, {} failures", reports.size(),
                        reports.stream().mapToInt(Crawler.Report::added).sum(),
                        reports.stream().mapToInt(Crawler.Report::failed).sum());
                try {
                    alerts.checkSpikes();
                } catch (RuntimeException e) {
                    log.error("alert check failed: {}", e.getMessage(), e);
                }
                firstPass.countDown();
            });
        } catch (RuntimeException e) {
            log.error("crawl pass failed: {}", e.getMessage(), e);
        } finally {
            if (!started) firstPass.countDown();
        }
    }

    /** One visit of one source; a failure to store (a full disk) is handed to the disk watch. */
    private Crawler.Report visit(Source source) {
        try {
            List<Crawler.Report> reports = services.pipeline.crawlOnce(List.of(source), report -> { });
            return reports.isEmpty() ? null : reports.getFirst();
        } catch (UncheckedIOException e) {
            // the crawler has logged the stop; a full disk is the disk watch's to report
            if (!disk.failed(e) && disk.hasRoom()) log.error("source={} visit failed: {}", source.id(), e.getMessage(), e);
            return null;
        } catch (RuntimeException e) {
            log.error("source={} visit failed: {}", source.id(), e.getMessage(), e);
            return null;
        } finally {
            visiting.remove(source.id());
        }
    }

    int port() {
        return port;
    }

    ItemIndex index() {
        return services.index;
    }

    Pipeline pipeline() {
        return services.pipeline;
    }

    Services services() {
        return services;
    }

    /** Waits until the first pass over the sources has ended; false if it did not within the time. */
    boolean awaitFirstCrawl(long timeout, TimeUnit unit) throws InterruptedException {
        return firstPass.await(timeout, unit);
    }

    @Override
    public void close() throws IOException {
        daily.shutdownNow();
        crawls.shutdownNow();
        visits.shutdownNow();
        try {
            if (!crawls.awaitTermination(60, TimeUnit.SECONDS) || !visits.awaitTermination(60, TimeUnit.SECONDS)) {
                log.warn("the crawl did not stop within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        api.close();
        outbox.close();
        vertx.close();
        services.close();
    }
}
