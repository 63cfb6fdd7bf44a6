package org.mediamonitor.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.mediamonitor.classifier.Classifier;
import org.mediamonitor.crawler.Crawler;
import org.mediamonitor.index.ItemIndex;
import org.mediamonitor.model.Classification;
import org.mediamonitor.model.Item;
import org.mediamonitor.model.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries items from the crawler through the classifier into the index: crawl a source, classify
 * each new item, add it, and commit once the source is done, so that a crash loses at most the
 * items of the source being crawled (they are fetched again on the next pass).
 */
final class Pipeline {
    private static final Logger log = LoggerFactory.getLogger(Pipeline.class);

    /** What the crawler has done, for {@code /health}. */
    record Status(boolean running, Instant lastStarted, Instant lastFinished, int sources, int added, int failed) {
        static final Status IDLE = new Status(false, null, null, 0, 0, 0);
    }

    private final Crawler crawler;
    private final Classifier classifier;
    private final ItemIndex index;
    private final AtomicReference<Status> status = new AtomicReference<>(Status.IDLE);

    Pipeline(Crawler crawler, Classifier classifier, ItemIndex index) {
        this.crawler = crawler;
        this.classifier = classifier;
        this.index = index;
    }

    Status status() {
        return status.get();
    }

    /** One pass over {@code sources}; {@code progress} hears about each source as it finishes. */
    List<Crawler.Report> crawlOnce(List<Source> sources, Consumer<Crawler.Report> progress) {
        Instant started = Instant.now();
        Status before = status.get();
        status.set(new Status(true, started, before.lastFinished(), sources.size(), 0, 0));
        List<Crawler.Report> reports = new ArrayList<>();
        int added = 0, failed = 0;
        try {
            for (Source source : sources) {
                Crawler.Report report = crawler.crawl(source, index::contains, this::store);
                try {
                    index.commit();
                } catch (IOException e) {
                    throw new UncheckedIOException("committing the items of " + source.id(), e);
                }
                reports.add(report);
                added += report.added();
                failed += report.failed();
                status.set(new Status(true, started, before.lastFinished(), sources.size(), added, failed));
                progress.accept(report);
            }
        } finally {
            status.set(new Status(false, started, Instant.now(), sources.size(), added, failed));
        }
        return reports;
    }

    /** Classifies and stores one item; a label given by staff is kept. */
    Item store(Item item) {
        try {
            Classification existing = index.get(item.id()).map(Item::classification).orElse(null);
            Classification verdict = existing != null && existing.byStaff() ? existing : classify(item);
            Item stored = index.add(item.withClassification(verdict));
            log.info("item={} source={} label={} url={}", stored.id(), stored.source(),
                    verdict.relevant() ? verdict.label().wireName() : "not-relevant", stored.url());
            return stored;
        } catch (IOException e) {
            throw new UncheckedIOException("storing item " + item.id(), e);
        }
    }

    private Classification classify(Item item) {
        return classifier.classify(new Classifier.Input(item.title(), item.text(), item.language(), null));
    }
}
