package org.mediamonitor.api;

import io.vertx.core.Vertx;
import java.io.IOException;
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
 * The running service: the HTTP API over the index, and the crawler going over the sources on its
 * schedule, the first pass at once. Closing it stops the crawler, then the HTTP server, and commits
 * and closes the index.
 */
final class Service implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Service.class);

    private final Services services;
    private final Vertx vertx;
    private final ApiServer api;
    private final ScheduledExecutorService crawls;
    private final CountDownLatch firstPass = new CountDownLatch(1);
    private final int port;

    Service(Settings settings) throws Exception {
        this.services = new Services(settings);
        this.vertx = Vertx.vertx();
        this.api = new ApiServer(vertx, services.index, services.pipeline, settings.kpi().yearlyTarget());
        try {
            this.port = api.start(settings.server().host(), settings.server().port());
        } catch (Exception e) {
            vertx.close();
            services.close();
            throw e;
        }
        List<Source> sources = settings.enabledSources();
        this.crawls = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "crawl"));
        crawls.scheduleWithFixedDelay(() -> crawl(sources), 0, settings.crawler().intervalDuration().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void crawl(List<Source> sources) {
        try {
            List<Crawler.Report> reports = services.pipeline.crawlOnce(sources, report -> { });
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

    /** Waits until the first pass over the sources has ended; false if it did not within the time. */
    boolean awaitFirstCrawl(long timeout, TimeUnit unit) throws InterruptedException {
        return firstPass.await(timeout, unit);
    }

    @Override
    public void close() throws IOException {
        crawls.shutdownNow();
        try {
            if (!crawls.awaitTermination(60, TimeUnit.SECONDS)) log.warn("the crawl did not stop within 60 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        api.close();
        vertx.close();
        services.close();
    }
}
