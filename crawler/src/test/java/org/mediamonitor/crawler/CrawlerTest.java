package org.mediamonitor.crawler;

import static org.junit.jupiter.api.Assertions.*;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mediamonitor.model.Item;
import org.mediamonitor.model.Source;
import org.mediamonitor.model.SourceKind;

class CrawlerTest {
    private LoopbackSite site;
    private Fetcher fetcher;

    @BeforeEach
    void start() throws Exception {
        site = new LoopbackSite();
        fetcher = new Fetcher(Fetcher.Settings.defaults().withPerHostDelay(Duration.ZERO));
    }

    @AfterEach
    void stop() throws Exception {
        fetcher.close();
        site.close();
    }

    private static String article(String title, String body) {
        return "<html lang=en><head><title>" + title + " | Herald</title>"
                + "<meta property='article:published_time' content='2018-03-23T10:05:00+08:00'></head><body>"
                + "<nav><a href=/>Home</a> <a href=/world>World</a></nav><article><h1>" + title + "</h1>"
                + "<p>" + body + "</p><p>Second paragraph of the story.</p></article>"
                + "<aside class=related><p>Related: something else entirely, a long list of links.</p></aside></body></html>";
    }

    private Source source(String feedPath, boolean local) {
        return new Source("herald", "Herald", site.url(feedPath), "en", "US", SourceKind.NEWS, local, true);
    }

    @Test
    void feedItemsAreFetchedOnceEachDespiteTrackingParametersAndBrokenPagesAreSkipped() {
        String rss = "<?xml version='1.0'?><rss version='2.0'><channel><title>Herald</title>"
                + "<item><title>One</title><link>" + site.url("/news/one?utm_source=rss&amp;utm_medium=feed") + "</link></item>"
                + "<item><title>One again</title><link>" + site.url("/news/one?utm_source=twitter") + "</link></item>"
                + "<item><title>Broken</title><link>" + site.url("/news/missing") + "</link></item>"
                + "<item><title>Two</title><link>" + site.url("/news/two") + "</link></item>"
                + "</channel></rss>";
        site.page("/feed.xml", "application/rss+xml", rss)
                .page("/news/one", "text/html; charset=utf-8", article("Taiwan praised", "Officials praised Taipei."))
                .page("/news/two", "text/html; charset=utf-8", article("Second story", "More text here."));

        Set<String> stored = new HashSet<>();
        List<Item> items = new ArrayList<>();
        var report = new Crawler(fetcher).crawl(source("/feed.xml", true), stored::contains, item -> {
            stored.add(item.id());
            items.add(item);
        });

        assertEquals(2, items.size(), items.toString());
        assertEquals(1, site.hits("/news/one"), "the same article through two tracking URLs is fetched once");
        assertEquals(1, report.failed());
        Item first = items.get(0);
        assertEquals(site.url("/news/one"), first.url());
        assertEquals("Taiwan praised", first.title());
        assertEquals("Officials praised Taipei.\nSecond paragraph of the story.", first.text());
        assertEquals("2018-03-23T02:05:00Z", first.published().toString());
        assertEquals("en", first.language());

        var again = new Crawler(fetcher).crawl(source("/feed.xml", true), stored::contains, items::add);
        assertEquals(0, again.added(), "known items are not fetched again");
        assertEquals(1, site.hits("/news/two"));
    }

    @Test
    void aMalformedFeedIsReportedNotThrown() {
        site.page("/bad.xml", "application/rss+xml", "<rss><channel><item><title>unclosed");
        var report = new Crawler(fetcher).crawl(source("/bad.xml", true), id -> false, item -> fail());
        assertEquals(1, report.failed());
        assertEquals(0, report.added());
    }

    @Test
    void loopbackIsRefusedUnlessTheSourceIsLocal() {
        site.page("/feed.xml", "application/rss+xml", "<rss version='2.0'><channel><title>x</title></channel></rss>");
        var report = new Crawler(fetcher).crawl(source("/feed.xml", false), id -> false, item -> fail());
        assertEquals(1, report.failed());
        assertEquals(0, site.hits("/feed.xml"), "no request may reach a private address");
        var error = assertThrows(FetchException.class, () -> fetcher.fetch(URI.create(site.url("/feed.xml")), false));
        assertTrue(error.getMessage().contains("private address"), error.getMessage());
    }

    @Test
    void aRedirectToAPrivateAddressIsRefusedAtThatHop() throws Exception {
        site.page("/loop", 302, null, new byte[0], Map.of("Location", "/loop"));
        var loop = assertThrows(FetchException.class, () -> fetcher.fetch(URI.create(site.url("/loop")), true));
        assertTrue(loop.getMessage().contains("redirects"), loop.getMessage());
        assertEquals(6, site.hits("/loop"), "the first request and five redirects, then it stops");
    }
}
