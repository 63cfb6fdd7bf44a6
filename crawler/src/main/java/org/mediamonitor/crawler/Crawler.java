package org.mediamonitor.crawler;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.mediamonitor.model.Item;
import org.mediamonitor.model.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers new items from a source: reads its feed, fetches each linked article that is not yet
 * known, extracts it and hands the {@link Item} on. A broken feed or page is logged (one line, with
 * the source and URL) and skipped; the rest of the crawl goes on.
 */
public final class Crawler {
    private static final Logger log = LoggerFactory.getLogger(Crawler.class);

    /** What one pass over a source did. */
    public record Report(String source, int entries, int fetched, int added, int failed) {
    }

    private final Fetcher fetcher;
    private final FeedReader feeds = new FeedReader();
    private final Extractor extractor = new Extractor();
    private final UrlNormaliser urls = new UrlNormaliser();

    public Crawler(Fetcher fetcher) {
        this.fetcher = fetcher;
    }

    /**
     * Crawls one source once.
     *
     * @param known tells whether an item id is already stored, so it is not fetched again
     * @param sink  receives each new item, in feed order
     */
    public Report crawl(Source source, Predicate<String> known, Consumer<Item> sink) {
        URI feedUrl;
        try {
            feedUrl = URI.create(source.feedUrl());
        } catch (IllegalArgumentException e) {
            log.warn("source={} feed URL is not valid: {}", source.id(), source.feedUrl());
            return new Report(source.id(), 0, 0, 0, 1);
        }
        java.util.List<FeedReader.Entry> entries;
        try {
            Page feed = fetcher.fetch(feedUrl, source.local());
            entries = feeds.read(feed.body(), feed.finalUrl());
        } catch (IOException | RuntimeException e) {
            log.warn("source={} url={} feed failed: {}", source.id(), feedUrl, e.getMessage());
            return new Report(source.id(), 0, 0, 0, 1);
        }
        int fetched = 0, added = 0, failed = 0;
        for (FeedReader.Entry entry : entries) {
            String url = urls.normalise(entry.link().toString());
            if (url == null) {
                log.warn("source={} url={} skipped: not a URL that can be fetched", source.id(), entry.link());
                failed++;
                continue;
            }
            String id = Item.idFor(url);
            if (known.test(id)) continue;
            try {
                Page page = fetcher.fetch(URI.create(url), source.local());
                fetched++;
                Item item = toItem(source, url, entry, page);
                if (item.text().isBlank()) {
                    log.warn("source={} url={} skipped: no article text found", source.id(), url);
                    failed++;
                    continue;
                }
                sink.accept(item);
                added++;
            } catch (IOException | RuntimeException e) {
                log.warn("source={} url={} page failed: {}", source.id(), url, e.getMessage());
                failed++;
            }
        }
        log.info("source={} crawled: {} entries, {} fetched, {} new, {} failed",
                source.id(), entries.size(), fetched, added, failed);
        return new Report(source.id(), entries.size(), fetched, added, failed);
    }

    private Item toItem(Source source, String url, FeedReader.Entry entry, Page page) {
        Article article = extractor.extract(page.body(), page.finalUrl().toString(), page.contentType());
        String title = article.title().isBlank() && entry.title() != null ? entry.title().strip() : article.title();
        OffsetDateTime published = article.published();
        Instant when = published != null ? published.toInstant() : entry.published();
        String language = article.language() != null ? article.language() : source.language();
        return new Item(Item.idFor(url), url, source.id(), title, article.text(), when, article.author(), language,
                Instant.now(), null, null);
    }
}
