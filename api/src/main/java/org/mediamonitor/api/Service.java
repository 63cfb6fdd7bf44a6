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
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.mediamonitor.crawler.Crawler;
import org.mediamonitor.index.ItemIndex;
import org.mediamonitor.model.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running service: the HTTP API over the index, and the crawler visiting each source on its own
 * schedule (checked every minute, the first pass at once); the sources file is read again when it changes. Closing it stops the crawler, then the HTTP server, and commits
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
    private final ScheduledExecutorService daily = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "digest"));
    private final Digests digests;
    private final LocalTime digestTime;
    private final CountDownLatch firstPass = new CountDownLatch(1);
    private final int port;

    Service(Settings settings) throws Exception {
        this.services = new Services(settings);
        this.vertx = Vertx.builder()
                .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
                        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))))
                .withMetrics(new MicrometerMetricsFactory())
                .build();
        this.api = new ApiServer(vertx, services.index, services.pipeline, settings.kpi().yearlyTarget(),
                new Access(new AccessTokens(settings.data()), settings.server().anonymousRead(),
                        settings.server().maxRequestsPerMinute()),
                services.audit, new KpiSnapshots(settings.data()),
                digests = new Digests(vertx, services.index, settings.data(), settings.digest().mail()));
        try {
            this.port = api.start(settings.server().host(), settings.server().port());
        } catch (Exception e) {
            vertx.close();
            services.close();
            throw e;
        }
        this.crawls = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "crawl"));
        long tick = Math.min(CHECK_EVERY.toMillis(), settings.crawler().intervalDuration().toMillis());
        crawls.scheduleWithFixedDelay(this::crawlDue, 0, tick, TimeUnit.MILLISECONDS);
        this.digestTime = settings.digest().at();
        scheduleDigest();
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

    /** Visits the sources that are due, as the sources file says now (it is read again when it changes). */
    private void crawlDue() {
        try {
            List<Source> due = services.pipeline.due(services.pipeline.enabledSources());
            if (due.isEmpty()) return;
            List<Crawler.Report> reports = services.pipeline.crawlOnce(due, report -> { });
            log.info("crawl pass done: {} sources, {} new items, {} failures", reports.size(),
                    reports.stream().mapToInt(Crawler.Report::added).sum(),
                    reports.stream().mapToInt(Crawler.Report::failed).sum());
        } catch (RuntimeException e) {
            log.error("crawl pass failed: {}", e.getMessage(), e);
        } finally {
            firstPass.countDown();
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

    /** Waits until the first pass over the sources has ended; false if it did not within the time. */
    boolean awaitFirstCrawl(long timeout, TimeUnit unit) throws InterruptedException {
        return firstPass.await(timeout, unit);
    }

    @Override
    public void close() throws IOException {
        daily.shutdownNow();
        crawls.shutdownNow();
        try {
            if (!crawls.awaitTermination(60, TimeUnit.SECONDS)) log.warn("the crawl did not stop within 60 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        api.close();
        digests.close();
        vertx.close();
        services.close();
    }
}
