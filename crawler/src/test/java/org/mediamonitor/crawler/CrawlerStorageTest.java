package org.mediamonitor.crawler;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediamonitor.model.Item;
import org.mediamonitor.model.Source;
import org.mediamonitor.model.SourceKind;

/**
 * When the items of a visit cannot be stored (the index's disk is full), the visit stops at once and
 * marks nothing as done: the source stays due, no page counts as failed, and the next visit stores
 * every article, the ones already fetched read back from the archive rather than fetched again.
 */
class CrawlerStorageTest {
    @TempDir
    Path data;
    private LoopbackSite site;
    private Fetcher fetcher;
    private Crawler crawler;

    @BeforeEach
    void start() throws Exception {
        site = new LoopbackSite();
        fetcher = new Fetcher(Fetcher.Settings.defaults().withPerHostDelay(Duration.ZERO));
        crawler = new Crawler(fetcher, data, Crawler.Options.defaults());
        StringBuilder rss = new StringBuilder("<?xml version='1.0'?><rss version='2.0'><channel><title>Herald</title>");
        for (int i = 1; i <= 4; i++) {
            rss.append("<item><title>t</title><link>").append(site.url("/news/" + i)).append("</link></item>");
            site.page("/news/" + i, "text/html", CrawlerTest.article("Story " + i, "Text of story " + i + "."));
        }
        site.page("/feed.xml", "application/rss+xml", rss.append("</channel></rss>").toString());
    }

    @AfterEach
    void stop() throws Exception {
        crawler.close();
        fetcher.close();
        site.close();
    }

    private Source source() {
        return new Source("herald", "Herald", site.url("/feed.xml"), "en", "US", SourceKind.NEWS, true, true);
    }

    @Test
    void aStoreThatCannotTakeItemsStopsTheVisitAndTheNextVisitStoresEverythingOnce() {
        Set<String> committed = new HashSet<>();
        List<Item> offered = new ArrayList<>();
        int[] commits = {0};
        UncheckedIOException stopped = assertThrows(UncheckedIOException.class, () -> crawler.crawl(source(), committed::contains,
                item -> {
                    offered.add(item);
                    if (offered.size() == 2) throw new UncheckedIOException(new IOException("No space left on device"));
                }, () -> commits[0]++, Crawler.Listener.NONE));
        assertTrue(stopped.getMessage().contains("No space left on device"), stopped.getMessage());
        assertEquals(0, commits[0], "nothing is committed after the store failed");
        assertEquals(0, site.hits("/news/3"), "the visit stopped at the failure");
        assertTrue(crawler.isDue(source()), "the source stays due");
        assertNull(crawler.health(List.of(source())).getFirst().lastSuccess(), "the visit is not recorded");

        Set<String> stored = new HashSet<>();
        var report = crawler.crawl(source(), committed::contains, item -> assertTrue(stored.add(item.id()), "twice: " + item.url()),
                () -> commits[0]++, Crawler.Listener.NONE);
        assertEquals(4, report.added());
        assertEquals(0, report.failed());
        assertEquals(4, stored.size());
        assertEquals(1, commits[0]);
        for (int i = 1; i <= 4; i++) assertEquals(1, site.hits("/news/" + i), "story " + i + " is fetched once in all");
        assertFalse(crawler.isDue(source()));
    }

    @Test
    void aCommitThatFailsLeavesTheSourceDue() {
        assertThrows(UncheckedIOException.class, () -> crawler.crawl(source(), id -> false, item -> { },
                () -> {
                    throw new IOException("No space left on device");
                }, Crawler.Listener.NONE));
        assertTrue(crawler.isDue(source()), "a visit whose items were not made durable is done again");
    }
}
