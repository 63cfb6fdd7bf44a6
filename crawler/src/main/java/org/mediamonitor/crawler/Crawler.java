package org.mediamonitor.crawler;

import crawlercommons.domains.EffectiveTldFinder;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.mediamonitor.crawler.CrawlState.Outcome;
import org.mediamonitor.crawler.CrawlState.SourceState;
import org.mediamonitor.crawler.CrawlState.UrlState;
import org.mediamonitor.model.Item;
import org.mediamonitor.model.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers new items from a source: reads its feed and sitemaps (conditional GET, robots.txt honoured),
 * fetches each linked article that is not yet stored, archives every response in WARC before it is
 * processed, extracts the article and hands the {@link Item} on. What was done is kept in the crawl
 * state under the data folder, so a restart (or a kill) resumes: archived but unstored pages are
 * processed again from the archive, not fetched again. A broken feed or page is logged (one line, with
 * the source, URL and reason) and skipped; the rest of the crawl goes on. Visits of different sources
 * may run at the same time on different threads (one visit of a source at a time); the fetcher keeps
 * each host to one request at a time.
 */
public final class Crawler implements Closeable {
    private static final Logger log = LoggerFactory.getLogger(Crawler.class);

    /**
     * How the crawler goes about a source.
     *
     * @param robotsAgent        the product token matched against robots.txt groups
     * @param defaultRecheck     how often a source is visited when it does not say
     * @param sitemapMaxAge      sitemap entries dated earlier than this are not fetched (news sitemaps hold two days)
     * @param maxEntries         most articles taken from one source in one visit
     * @param maxSitemaps        most sitemap documents (index children included) read in one visit
     * @param maxFailures        a URL whose fetch failed this often is given up
     * @param warcRotateBytes    a WARC file is closed and a new one started past this size
     */
    public record Options(String robotsAgent, Duration defaultRecheck, Duration sitemapMaxAge, int maxEntries,
                          int maxSitemaps, int maxFailures, long warcRotateBytes) {
        public static Options defaults() {
            return new Options("mediamonitor", Duration.ofMinutes(15), Duration.ofDays(3), 500, 20, 4, 1L << 30);
        }
    }

    /** What one visit of a source did. */
    public record Report(String source, int entries, int fetched, int added, int failed) {
    }

    /**
     * How a source has fared, for operators.
     *
     * @param itemsLast7Days items added from the source in the last seven days (UTC days)
     */
    public record SourceHealth(String source, Instant lastSuccess, Instant lastError, String lastErrorMessage,
                               int itemsLast7Days, Instant nextVisit) {
    }

    /** Hears about each fetch as it happens (a progress display). */
    public interface Listener {
        Listener NONE = new Listener() {
        };

        default void fetched(String source, URI url) {
        }

        default void failed(String source, String url, String reason) {
        }
    }

    /** Makes the items handed to the sink durable (the index commit); runs before the visit is recorded as done. */
    public interface Commit {
        void run() throws IOException;
    }

    private final Fetcher fetcher;
    private final Options options;
    private final CrawlState state;
    private final WarcArchive archive;
    private final RobotsRules robots;
    private final FeedReader feeds = new FeedReader();
    private final SitemapReader sitemaps;
    private final Extractor extractor = new Extractor();
    private final UrlNormaliser urls = new UrlNormaliser();

    /** A crawler keeping its state in {@code data/state} and its archive in {@code data/warc}. */
    public Crawler(Fetcher fetcher, Path data, Options options) throws IOException {
        this.fetcher = fetcher;
        this.options = options;
        this.state = new CrawlState(data.resolve("state"));
        this.archive = new WarcArchive(data.resolve("warc"), options.warcRotateBytes());
        this.robots = new RobotsRules(fetcher, archive, options.robotsAgent());
        this.sitemaps = new SitemapReader(fetcher.settings().maxBytes());
    }

    /** True when the source has not been visited yet or its next visit is due. */
    public boolean isDue(Source source) {
        SourceState s = state.source(source.id());
        return s == null || s.nextVisit() == null || s.nextVisit() <= System.currentTimeMillis();
    }

    /** Visits one source with no commit step and no listener (tests and one-off use). */
    public Report crawl(Source source, Predicate<String> known, Consumer<Item> sink) {
        return crawl(source, known, sink, () -> { }, Listener.NONE);
    }

    /**
     * Visits one source.
     *
     * @param known    tells whether an item id is already stored, so it is not fetched again
     * @param sink     receives each new item, in feed order
     * @param commit   makes the sink's items durable; the visit is recorded as done only after it returns
     * @param listener hears about each fetch
     * @throws UncheckedIOException when the archive or the crawl state cannot be written, or the sink or the
     *                              commit cannot store (a full disk): the visit stops there and is not
     *                              recorded, so the source stays due and what was fetched is processed
     *                              again from the archive on the next visit; nothing is marked as done
     */
    public Report crawl(Source source, Predicate<String> known, Consumer<Item> sink, Commit commit, Listener listener) {
        try {
            return visit(source, known, sink, commit, listener);
        } catch (StorageFailure e) {
            log.error("source={} visit stopped, the archive or crawl state cannot be written: {}", source.id(), e.getMessage());
            throw new UncheckedIOException(e.getMessage(), e.cause());
        } catch (UncheckedIOException e) {
            log.error("source={} visit stopped, items cannot be stored: {}", source.id(), e.getMessage());
            throw e;
        }
    }

    private Report visit(Source source, Predicate<String> known, Consumer<Item> sink, Commit commit, Listener listener) {
        Visit visit = new Visit(source, known, sink, listener);
        Map<String, FeedReader.Entry> entries = new LinkedHashMap<>();
        boolean anyDocument = false;
        if (source.feedUrl() != null) {
            URI feed = uri(source.feedUrl());
            if (feed == null) visit.fail(source.feedUrl(), "the feed URL is not valid", false);
            else anyDocument |= readInto(visit, feed, entries, new ArrayDeque<>(), new HashSet<>());
        }
        Deque<URI> queue = new ArrayDeque<>();
        for (String sitemap : source.sitemaps()) {
            URI uri = uri(sitemap);
            if (uri == null) {
                visit.fail(sitemap, "the sitemap URL is not valid", false);
            } else if (uri.getPath() != null && uri.getPath().endsWith("/robots.txt")) {
                if (robots.rules(uri, source.local()).isDeferVisits()) {
                    visit.fail(sitemap, "robots.txt could not be read, so its sitemaps are unknown for now", true);
                }
                for (String announced : robots.sitemaps(uri, source.local())) {
                    URI a = uri(announced);
                    if (a != null) queue.add(a);
                }
            } else {
                queue.add(uri);
            }
        }
        Set<URI> seenSitemaps = new HashSet<>();
        int read = 0;
        while (!queue.isEmpty() && read < options.maxSitemaps()) {
            URI next = queue.poll();
            if (!seenSitemaps.add(next)) continue;
            read++;
            anyDocument |= readInto(visit, next, entries, queue, seenSitemaps);
        }
        for (FeedReader.Entry entry : entries.values()) {
            if (visit.backedOffUntil != null) break; // the host asked us to slow down: the rest waits for the next visit
            if (visit.added + visit.failed >= options.maxEntries()) break;
            visit.article(entry);
        }
        try {
            commit.run();
        } catch (IOException e) {
            throw new UncheckedIOException("commit failed: " + e.getMessage(), e);
        }
        record(source, visit, anyDocument);
        log.info("source={} crawled: {} entries, {} fetched, {} new, {} failed",
                source.id(), entries.size(), visit.fetched, visit.added, visit.failed);
        return new Report(source.id(), entries.size(), visit.fetched, visit.added, visit.failed);
    }

    /** Reads a feed or sitemap into {@code entries}; sitemap indexes add their children to {@code queue}. */
    private boolean readInto(Visit visit, URI url, Map<String, FeedReader.Entry> entries, Deque<URI> queue, Set<URI> seen) {
        Page page = visit.document(url);
        if (page == null) return false;
        try {
            Instant oldest = Instant.now().minus(options.sitemapMaxAge());
            if (SitemapReader.isSitemap(page.body())) {
                SitemapReader.Sitemap map = sitemaps.read(page.body(), page.finalUrl());
                for (URI child : map.children()) if (!seen.contains(child)) queue.add(child);
                for (FeedReader.Entry entry : map.entries()) {
                    if (entry.published() != null && entry.published().isBefore(oldest)) continue;
                    add(entries, entry);
                }
            } else {
                for (FeedReader.Entry entry : feeds.parse(page.body(), page.finalUrl(), page.contentType()).entries()) {
                    add(entries, entry);
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            visit.fail(url.toString(), e.getMessage(), true);
            return false;
        }
    }

    private void add(Map<String, FeedReader.Entry> entries, FeedReader.Entry entry) {
        if (entry.link() == null) return; // an entry that names no article
        String url = urls.normalise(entry.link().toString());
        entries.putIfAbsent(url == null ? entry.link().toString() : url, entry);
    }

    /** One visit of one source: its counters and the steps that use them. */
    private final class Visit {
        final Source source;
        final Predicate<String> known;
        final Consumer<Item> sink;
        final Listener listener;
        int fetched, added, failed;
        String lastError;
        Instant backedOffUntil;

        Visit(Source source, Predicate<String> known, Consumer<Item> sink, Listener listener) {
            this.source = source;
            this.known = known;
            this.sink = sink;
            this.listener = listener;
        }

        /** Fetches a feed or sitemap with a conditional GET; an unchanged one is read back from the archive. */
        Page document(URI url) {
            String key = url.toString();
            UrlState before = state.url(key);
            try {
                if (!robots.allowed(url, source.local())) {
                    fail(key, robotsReason(url), true);
                    return null;
                }
                Page page = fetcher.fetch(url, source.local(), before == null ? Page.Validators.NONE : before.validators());
                fetched++;
                listener.fetched(source.id(), url);
                if (page.notModified()) {
                    WarcArchive.Location location = before == null ? null : before.location();
                    if (location != null) return archive.read(location);
                    page = fetcher.fetch(url, source.local()); // no copy kept: ask for the whole document
                    fetched++;
                }
                Page fetchedPage = page;
                WarcArchive.Location location = storing(() -> archive.write(fetchedPage, source.id()));
                storing(() -> state.put(new UrlState(key, Outcome.DOCUMENT, fetchedPage.validators().etag(),
                        fetchedPage.validators().lastModified(), location.file(), location.offset(), System.currentTimeMillis(),
                        0, null, null, null)));
                return page;
            } catch (StorageFailure e) {
                throw e;
            } catch (FetchException e) {
                if (e.retryAt() != null) backedOffUntil = later(backedOffUntil, e.retryAt());
                fail(key, e.getMessage(), true);
            } catch (IOException | RuntimeException e) {
                fail(key, describe(e), true);
            }
            return null;
        }

        void article(FeedReader.Entry entry) {
            String url = urls.normalise(entry.link().toString());
            if (url == null) {
                fail(entry.link().toString(), "not a URL that can be fetched", false);
                return;
            }
            if (known.test(Item.idFor(url))) return;
            UrlState before = state.url(url);
            long now = System.currentTimeMillis();
            Page page = null;
            WarcArchive.Location location = null;
            if (before != null) {
                switch (before.outcome()) {
                    case NO_ITEM, DOCUMENT -> {
                        return;
                    }
                    case ITEM -> {
                        if (before.item() != null && known.test(before.item())) return;
                        location = before.location();
                    }
                    case FETCHED -> location = before.location();
                    case FAILED -> {
                        if (before.failures() >= options.maxFailures()) return;
                        if (before.retryAt() != null && before.retryAt() > now) return;
                    }
                }
            }
            if (location != null) {
                try {
                    page = archive.read(location); // fetched before a restart: processed again, not fetched again
                } catch (IOException e) {
                    log.warn("source={} url={} archived copy unreadable, fetching again: {}", source.id(), url, e.getMessage());
                    location = null;
                }
            }
            int failures = before == null || before.outcome() != Outcome.FAILED ? 0 : before.failures();
            if (page == null) {
                URI uri = URI.create(url);
                try {
                    if (!robots.allowed(uri, source.local())) {
                        storing(() -> remember(url, Outcome.FAILED, null, options.maxFailures(), null, robotsReason(uri), null));
                        fail(url, robotsReason(uri), false);
                        return;
                    }
                    page = fetcher.fetch(uri, source.local());
                    fetched++;
                    listener.fetched(source.id(), uri);
                    Page fetchedPage = page;
                    location = storing(() -> archive.write(fetchedPage, source.id()));
                    WarcArchive.Location archived = location;
                    storing(() -> remember(url, Outcome.FETCHED, archived, 0, null, null, null));
                } catch (StorageFailure e) {
                    throw e;
                } catch (FetchException e) {
                    if (e.retryAt() != null) backedOffUntil = later(backedOffUntil, e.retryAt());
                    int count = e.transientFailure() ? failures + 1 : options.maxFailures();
                    Instant retry = e.retryAt() != null ? e.retryAt() : Instant.ofEpochMilli(now).plus(backOff(count));
                    rememberQuietly(url, Outcome.FAILED, null, count, retry, e.getMessage());
                    fail(url, e.getMessage(), false);
                    return;
                } catch (IOException | RuntimeException e) {
                    int count = failures + 1;
                    rememberQuietly(url, Outcome.FAILED, null, count, Instant.ofEpochMilli(now).plus(backOff(count)), describe(e));
                    fail(url, describe(e), false);
                    return;
                }
            }
            Item item;
            try {
                item = toItem(source.id(), source.language(), url, entry, page);
            } catch (IOException | RuntimeException e) {
                fail(url, describe(e), false);
                return;
            }
            WarcArchive.Location archived = location;
            if (item == null) {
                storing(() -> remember(url, Outcome.NO_ITEM, archived, 0, null, "no article text found", null));
                fail(url, "no article text found", false);
                return;
            }
            if (!item.id().equals(Item.idFor(url)) && known.test(item.id())) {
                // the same article, stored under its canonical URL
                storing(() -> remember(url, Outcome.NO_ITEM, archived, 0, null, "a copy of " + item.url(), item.id()));
                return;
            }
            try {
                sink.accept(item);
            } catch (UncheckedIOException e) {
                throw e; // the store could not take it: the visit stops, the page waits in the archive
            } catch (RuntimeException e) {
                fail(url, describe(e), false);
                return;
            }
            storing(() -> remember(url, Outcome.ITEM, archived, 0, null, null, item.id()));
            added++;
        }

        private void remember(String url, Outcome outcome, WarcArchive.Location location, int failures, Instant retryAt,
                              String reason, String item) throws IOException {
            state.put(new UrlState(url, outcome, null, null, location == null ? null : location.file(),
                    location == null ? null : location.offset(), System.currentTimeMillis(), failures,
                    retryAt == null ? null : retryAt.toEpochMilli(), reason, item));
        }

        private void rememberQuietly(String url, Outcome outcome, WarcArchive.Location location, int failures,
                                     Instant retryAt, String reason) {
            try {
                remember(url, outcome, location, failures, retryAt, reason, null);
            } catch (IOException e) {
                log.error("source={} url={} crawl state not written: {}", source.id(), url, e.getMessage());
            }
        }

        void fail(String url, String reason, boolean sourceLevel) {
            log.warn("source={} url={} fetch failed: {}", source.id(), url, reason);
            failed++;
            if (sourceLevel) lastError = url + ": " + reason;
            listener.failed(source.id(), url, reason);
        }

        private String robotsReason(URI url) {
            return robots.rules(url, source.local()).isDeferVisits()
                    ? "robots.txt could not be read; the site is left alone for now"
                    : "disallowed by robots.txt";
        }
    }

    /** A write of the archive or the crawl state that failed: not the source's fault, so the visit stops. */
    private static final class StorageFailure extends RuntimeException {
        StorageFailure(IOException cause) {
            super(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage(), cause);
        }

        IOException cause() {
            return (IOException) getCause();
        }
    }

    private interface StorageStep<T> {
        T run() throws IOException;
    }

    private interface StorageWrite {
        void run() throws IOException;
    }

    private static <T> T storing(StorageStep<T> step) {
        try {
            return step.run();
        } catch (IOException e) {
            throw new StorageFailure(e);
        }
    }

    private static void storing(StorageWrite step) {
        try {
            step.run();
        } catch (IOException e) {
            throw new StorageFailure(e);
        }
    }

    private static Duration backOff(int failures) {
        return Duration.ofMinutes(10L << Math.min(failures, 8));
    }

    private static Instant later(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + message;
    }

    private static URI uri(String text) {
        try {
            URI uri = URI.create(text.strip());
            return uri.getHost() == null ? null : uri;
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }

    /** Records the visit: health, items per day and the next visit, after the items are committed. */
    private void record(Source source, Visit visit, boolean anyDocument) {
        SourceState before = state.source(source.id());
        long now = System.currentTimeMillis();
        Duration recheck = source.recheck() != null ? source.recheck() : options.defaultRecheck();
        long next = now + recheck.toMillis();
        if (visit.backedOffUntil != null) next = Math.max(next, visit.backedOffUntil.toEpochMilli());
        TreeMap<String, Integer> days = before == null || before.addedByDay() == null ? new TreeMap<>() : new TreeMap<>(before.addedByDay());
        if (visit.added > 0) days.merge(LocalDate.now(ZoneOffset.UTC).toString(), visit.added, Integer::sum);
        String oldest = LocalDate.now(ZoneOffset.UTC).minusDays(8).toString();
        days.headMap(oldest).clear();
        Long lastSuccess = anyDocument ? Long.valueOf(now) : before == null ? null : before.lastSuccess();
        Long lastError = visit.lastError != null ? Long.valueOf(now) : before == null ? null : before.lastError();
        String message = visit.lastError != null ? visit.lastError : before == null ? null : before.lastErrorMessage();
        try {
            state.put(new SourceState(source.id(), next, lastSuccess, lastError, message, days));
            state.sync();
        } catch (IOException e) {
            log.error("source={} crawl state not written: {}", source.id(), e.getMessage());
        }
    }

    /** The health of each source, from the crawl state. */
    public List<SourceHealth> health(List<Source> sources) {
        List<SourceHealth> result = new ArrayList<>();
        String weekAgo = LocalDate.now(ZoneOffset.UTC).minusDays(6).toString();
        for (Source source : sources) {
            SourceState s = state.source(source.id());
            if (s == null) {
                result.add(new SourceHealth(source.id(), null, null, null, 0, null));
                continue;
            }
            int week = s.addedByDay() == null ? 0 : s.addedByDay().tailMap(weekAgo).values().stream().mapToInt(Integer::intValue).sum();
            result.add(new SourceHealth(source.id(), instant(s.lastSuccess()), instant(s.lastError()), s.lastErrorMessage(),
                    week, instant(s.nextVisit())));
        }
        return result;
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }

    /**
     * Extracts again every article page in the WARC archive (the latest copy of each URL) and hands the
     * items on, for reprocessing with a newer extractor or classifier. Items carry the source recorded
     * with the response; {@code fetched} is when the response was archived.
     */
    public void archivedItems(Consumer<Item> sink) throws IOException {
        Map<String, WarcArchive.Location> latest = new HashMap<>();
        Map<String, String> sourceOf = new HashMap<>();
        archive.forEach(record -> {
            Page page = record.page();
            if (page.status() != 200 || !isHtml(page)) return;
            String url = urls.normalise(page.finalUrl().toString());
            if (url == null) return;
            latest.put(url, record.location());
            sourceOf.put(url, record.source());
        });
        for (Map.Entry<String, WarcArchive.Location> entry : latest.entrySet()) {
            try {
                Page page = archive.read(entry.getValue());
                Item item = toItem(sourceOf.get(entry.getKey()), null, entry.getKey(), null, page);
                if (item != null) sink.accept(item);
            } catch (IOException | RuntimeException e) {
                log.warn("url={} archived page not reprocessed: {}", entry.getKey(), describe(e));
            }
        }
    }

    private static boolean isHtml(Page page) {
        String type = page.contentType() == null ? "" : page.contentType().toLowerCase(Locale.ROOT);
        if (type.contains("html")) return true;
        return type.isEmpty() && !SitemapReader.isSitemap(page.body()) && new String(page.body(), 0,
                Math.min(page.body().length, 512), java.nio.charset.StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT).contains("<html");
    }

    /** The item of an article page, or null when it holds no article text. */
    private Item toItem(String source, String sourceLanguage, String url, FeedReader.Entry entry, Page page) throws IOException {
        Article article = extractor.extract(page.body(), page.finalUrl().toString(), page.contentType());
        if (article.text() == null || article.text().isBlank()) return null;
        String itemUrl = itemUrl(url, page.finalUrl(), article.canonicalUrl());
        String title = (article.title() == null || article.title().isBlank()) && entry != null && entry.title() != null
                ? entry.title().strip() : article.title();
        OffsetDateTime published = article.published();
        Instant when = published != null ? published.toInstant() : entry == null ? null : entry.published();
        String language = article.language() != null ? article.language() : sourceLanguage;
        return new Item(Item.idFor(itemUrl), itemUrl, source, title, article.text(), when, article.author(), language,
                page.fetched(), null, null);
    }

    /**
     * The URL an article is stored under: the page's canonical URL when it names one on the same site,
     * else where the redirects ended when that is on the same site, else the URL the feed gave.
     */
    String itemUrl(String url, URI finalUrl, String canonical) {
        if (canonical != null && !canonical.isBlank()) {
            try {
                String c = urls.normalise(finalUrl.resolve(canonical.strip()).toString());
                if (c != null && sameSite(c, url)) return c;
            } catch (IllegalArgumentException e) {
                // a canonical link that is not a URL is ignored
            }
        }
        String landed = urls.normalise(finalUrl.toString());
        return landed != null && sameSite(landed, url) ? landed : url;
    }

    private static boolean sameSite(String a, String b) {
        String hostA = URI.create(a).getHost(), hostB = URI.create(b).getHost();
        if (hostA == null || hostB == null) return false;
        if (hostA.equalsIgnoreCase(hostB)) return true;
        String domainA = EffectiveTldFinder.getAssignedDomain(hostA.toLowerCase(Locale.ROOT), true, false);
        String domainB = EffectiveTldFinder.getAssignedDomain(hostB.toLowerCase(Locale.ROOT), true, false);
        return domainA != null && domainA.equals(domainB);
    }

    @Override
    public void close() throws IOException {
        try (state; archive) {
            // both closed
        }
    }
}
