package org.mediamonitor.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.mediamonitor.classifier.Classifier;
import org.mediamonitor.crawler.Crawler;
import org.mediamonitor.index.ItemIndex;
import org.mediamonitor.model.Classification;
import org.mediamonitor.model.Item;
import org.mediamonitor.model.Source;
import org.mediamonitor.model.SourceKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries items from the crawler through the classifier into the index: crawl a source, classify
 * each new item, add it, and commit once the source is done; only then does the crawler record the
 * visit. The index is the truth for stored items: a crash before the commit leaves the source due,
 * and its archived pages are processed again from the WARC files on the next pass, not fetched again.
 */
final class Pipeline {
    private static final Logger log = LoggerFactory.getLogger(Pipeline.class);

    /** What the crawler has done, for {@code /health}. */
    record Status(boolean running, Instant lastStarted, Instant lastFinished, int sources, int added, int failed) {
        static final Status IDLE = new Status(false, null, null, 0, 0, 0);
    }

    /**
     * How one source has fared, for operators and the API.
     *
     * @param itemsLast7Days items added from the source in the last seven days
     * @param nextVisit      when the crawler looks at the source again
     */
    record SourceHealth(String id, String name, String feedUrl, List<String> sitemaps, String language, String country,
                        SourceKind kind, boolean enabled, boolean important, Long recheckSeconds, Instant lastSuccess,
                        Instant lastError, String lastErrorMessage, int itemsLast7Days, Instant nextVisit) {
    }

    /** What reprocessing did. */
    record Reprocessed(int items, int skipped) {
    }

    private final Crawler crawler;
    private final Classifier classifier;
    private final ItemIndex index;
    private final Supplier<List<Source>> sources;
    private final AtomicReference<Status> status = new AtomicReference<>(Status.IDLE);
    /** Passes running now. */
    private final AtomicInteger activePasses = new AtomicInteger();
    /** Whether the disk has room for another item. */
    private volatile BooleanSupplier room = () -> true;
    /** Hears of each item as it is stored (the alerts). */
    private volatile Consumer<Item> onStored = item -> { };

    /** @param sources every configured source, enabled or not, as they are now */
    Pipeline(Crawler crawler, Classifier classifier, ItemIndex index, Supplier<List<Source>> sources) {
        this.crawler = crawler;
        this.classifier = classifier;
        this.index = index;
        this.sources = sources;
    }

    /** Lets {@code listener} hear of each item as it is stored; a failure in it is logged and does not stop the pipeline. */
    void onStored(Consumer<Item> listener) {
        this.onStored = listener;
    }

    /** Stores items only while {@code disk} has room; the visit that finds none stops, and its pages wait in the archive. */
    void storeOnlyWithRoom(DiskSpace disk) {
        this.room = disk::hasRoom;
    }

    Status status() {
        return status.get();
    }

    /** The configured sources that are enabled, as the sources file says now. */
    List<Source> enabledSources() {
        return sources.get().stream().filter(Source::enabled).toList();
    }

    /** Health of every configured source: last success and error, items in the last seven days, next visit. */
    List<SourceHealth> sourceHealth() {
        List<Source> all = sources.get();
        List<Crawler.SourceHealth> health = crawler.health(all);
        List<SourceHealth> result = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            Source s = all.get(i);
            Crawler.SourceHealth h = health.get(i);
            result.add(new SourceHealth(s.id(), s.name(), s.feedUrl(), s.sitemaps(), s.language(), s.country(),
                    s.kind(), s.enabled(), s.important(),
                    s.recheck() == null ? null : s.recheck().toSeconds(), h.lastSuccess(), h.lastError(), h.lastErrorMessage(),
                    h.itemsLast7Days(), h.nextVisit()));
        }
        return result;
    }

    /** The sources among {@code candidates} whose next visit is due. */
    List<Source> due(List<Source> candidates) {
        return candidates.stream().filter(crawler::isDue).toList();
    }

    /** One pass over {@code sources}; {@code progress} hears about each source as it finishes. */
    List<Crawler.Report> crawlOnce(List<Source> sources, Consumer<Crawler.Report> progress) {
        return crawlOnce(sources, progress, Crawler.Listener.NONE);
    }

    /**
     * One pass over {@code sources}, with a listener for each fetch. Passes may run at the same time (the
     * service visits each source on its own); the status then adds them up until the last one ends.
     *
     * @throws UncheckedIOException when items cannot be stored (a full disk): the pass stops there
     */
    List<Crawler.Report> crawlOnce(List<Source> sources, Consumer<Crawler.Report> progress, Crawler.Listener listener) {
        Instant started = Instant.now();
        int others = activePasses.getAndIncrement();
        status.updateAndGet(s -> others == 0 ? new Status(true, started, s.lastFinished(), sources.size(), 0, 0)
                : new Status(true, s.lastStarted(), s.lastFinished(), s.sources() + sources.size(), s.added(), s.failed()));
        List<Crawler.Report> reports = new ArrayList<>();
        try {
            for (Source source : sources) {
                if (Thread.currentThread().isInterrupted()) break;
                Crawler.Report report = crawler.crawl(source, index::contains, this::store, index::commit, listener);
                reports.add(report);
                status.updateAndGet(s -> new Status(true, s.lastStarted(), s.lastFinished(), s.sources(),
                        s.added() + report.added(), s.failed() + report.failed()));
                progress.accept(report);
            }
        } finally {
            boolean last = activePasses.decrementAndGet() == 0;
            status.updateAndGet(s -> new Status(!last, s.lastStarted(), last ? Instant.now() : s.lastFinished(), s.sources(),
                    s.added(), s.failed()));
        }
        return reports;
    }

    /**
     * Extracts and classifies again every article in the WARC archive and stores the result; a stored
     * item keeps its source, its date when the page gives none, its fetch time, and a label given by staff.
     */
    Reprocessed reprocess(Consumer<Item> progress) throws IOException {
        AtomicInteger done = new AtomicInteger(), skipped = new AtomicInteger();
        crawler.archivedItems(fresh -> {
            try {
                Optional<Item> stored = index.get(fresh.id());
                if (stored.isEmpty() && fresh.source() == null) {
                    skipped.incrementAndGet();
                    return;
                }
                Item merged = stored.map(old -> new Item(fresh.id(), fresh.url(), old.source(), fresh.title(), fresh.text(),
                        fresh.published() != null ? fresh.published() : old.published(), fresh.author(),
                        fresh.language() != null ? fresh.language() : old.language(),
                        old.fetched() != null ? old.fetched() : fresh.fetched(), null, null)).orElse(fresh);
                progress.accept(store(merged));
                done.incrementAndGet();
            } catch (IOException e) {
                throw new UncheckedIOException("reprocessing " + fresh.id(), e);
            }
        });
        index.commit();
        return new Reprocessed(done.get(), skipped.get());
    }

    /**
     * Classifies and stores one item; a label given by staff is kept.
     *
     * @throws UncheckedIOException when the index cannot take it, or the disk has no room for it
     */
    Item store(Item item) {
        try {
            if (!room.getAsBoolean()) throw new IOException("no room on the disk of the data folder; item " + item.id() + " waits");
            Classification existing = index.get(item.id()).map(Item::classification).orElse(null);
            Classification verdict = existing != null && existing.byStaff() ? existing : classify(item);
            Item stored;
            try {
                stored = index.add(item.withClassification(verdict));
            } catch (IllegalStateException e) {
                throw new IOException("the index is closed: " + e.getMessage(), e); // a writer that gave up (a full disk)
            }
            log.info("item={} source={} label={} url={}", stored.id(), stored.source(),
                    verdict.relevant() ? verdict.label().wireName() : "not-relevant", stored.url());
            try {
                onStored.accept(stored);
            } catch (RuntimeException e) {
                log.error("item={} listener failed: {}", stored.id(), e.getMessage(), e);
            }
            return stored;
        } catch (IOException e) {
            throw new UncheckedIOException("storing item " + item.id(), e);
        }
    }

    private Classification classify(Item item) {
        return classifier.classify(new Classifier.Input(item.title(), item.text(), item.language(), null));
    }
}
