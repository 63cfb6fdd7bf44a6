package org.mediamonitor.crawler;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediamonitor.model.Item;
import org.mediamonitor.model.Source;
import org.mediamonitor.model.SourceKind;

class CrawlerTest {
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
    }

    @AfterEach
    void stop() throws Exception {
        crawler.close();
        fetcher.close();
        site.close();
    }

    static String article(String title, String body) {
        return "<html lang=en><head><title>" + title + " | Herald</title>"
                + "<meta property='article:published_time' content='2018-03-23T10:05:00+08:00'></head><body>"
                + "<nav><a href=/>Home</a> <a href=/world>World</a></nav><article><h1>" + title + "</h1>"
                + "<p>" + body + "</p><p>Second paragraph of the story.</p></article>"
                + "<aside class=related><p>Related: something else entirely, a long list of links.</p></aside></body></html>";
    }

    private Source source(String feedPath, boolean local) {
        return new Source("herald", "Herald", site.url(feedPath), "en", "US", SourceKind.NEWS, local, true);
    }

    private String rss(String... paths) {
        StringBuilder rss = new StringBuilder("<?xml version='1.0'?><rss version='2.0'><channel><title>Herald</title>");
        for (String path : paths) rss.append("<item><title>t</title><link>").append(site.url(path).replace("&", "&amp;")).append("</link></item>");
        return rss.append("</channel></rss>").toString();
    }

    /** A sink that stores into a set, as the index does. */
    private static final class Store {
        final Set<String> ids = new HashSet<>();
        final List<Item> items = new ArrayList<>();

        void add(Item item) {
            assertTrue(ids.add(item.id()), "stored twice: " + item.url());
            items.add(item);
        }
    }

    @Test
    void feedItemsAreFetchedOnceEachDespiteTrackingParametersAndBrokenPagesAreSkipped() {
        site.page("/feed.xml", "application/rss+xml", rss("/news/one?utm_source=rss&utm_medium=feed",
                        "/news/one?utm_source=twitter&fbclid=abc", "/news/missing", "/news/two"))
                .page("/news/one", "text/html; charset=utf-8", article("Taiwan praised", "Officials praised Taipei."))
                .page("/news/two", "text/html; charset=utf-8", article("Second story", "More text here."));

        Store store = new Store();
        var report = crawler.crawl(source("/feed.xml", true), store.ids::contains, store::add);

        assertEquals(2, store.items.size(), store.items.toString());
        assertEquals(1, site.hits("/news/one"), "the same article through two tracking URLs is fetched once");
        assertEquals(1, report.failed());
        Item first = store.items.get(0);
        assertEquals(site.url("/news/one"), first.url());
        assertEquals("Taiwan praised", first.title());
        assertTrue(first.text().contains("Second paragraph of the story."), first.text());
        assertEquals("2018-03-23T02:05:00Z", first.published().toString());

        var again = crawler.crawl(source("/feed.xml", true), store.ids::contains, store::add);
        assertEquals(0, again.added(), "known items are not fetched again");
        assertEquals(1, site.hits("/news/two"));
        assertEquals(1, site.hits("/news/missing"), "a 404 is not asked again on the next visit");
    }

    @Test
    void pagesNamingOneCanonicalUrlAreOneItem() {
        String canonical = "<link rel=canonical href='" + site.url("/story/taiwan-strait") + "'>";
        String page = article("Strait talks", "Talks across the strait resumed.").replace("</head>", canonical + "</head>");
        site.page("/feed.xml", "application/rss+xml", rss("/story/taiwan-strait?from=home", "/amp/taiwan-strait"))
                .page("/story/taiwan-strait", "text/html", page)
                .page("/amp/taiwan-strait", "text/html", page);
        Store store = new Store();
        crawler.crawl(source("/feed.xml", true), store.ids::contains, store::add);
        assertEquals(1, store.items.size(), store.items.toString());
        assertEquals(site.url("/story/taiwan-strait"), store.items.get(0).url());
    }

    @Test
    void aMalformedFeedIsReportedNotThrownAndShowsInTheSourceHealth() {
        site.page("/bad.xml", "application/rss+xml", "<rss><channel><item><title>unclosed");
        var report = crawler.crawl(source("/bad.xml", true), id -> false, item -> fail());
        assertEquals(1, report.failed());
        assertEquals(0, report.added());
        var health = crawler.health(List.of(source("/bad.xml", true))).get(0);
        assertNull(health.lastSuccess());
        assertTrue(health.lastErrorMessage().contains("not a readable feed"), health.lastErrorMessage());
        assertNotNull(health.nextVisit());
        assertFalse(crawler.isDue(source("/bad.xml", true)), "the next visit waits for the source's schedule");
    }

    @Test
    void loopbackIsRefusedUnlessTheSourceIsLocal() {
        site.page("/feed.xml", "application/rss+xml", "<rss version='2.0'><channel><title>x</title></channel></rss>");
        var report = crawler.crawl(source("/feed.xml", false), id -> false, item -> fail());
        assertTrue(report.failed() >= 1);
        assertEquals(0, site.hits("/feed.xml"), "no request may reach a private address");
        assertEquals(0, site.hits("/robots.txt"));
    }

    @Test
    void robotsTxtDisallowIsHonouredAndItsCrawlDelaySpacesRequests() throws Exception {
        fetcher.close();
        crawler.close();
        fetcher = new Fetcher(Fetcher.Settings.defaults().withPerHostDelay(Duration.ofMillis(50)));
        crawler = new Crawler(fetcher, data, Crawler.Options.defaults());
        site.page("/robots.txt", "text/plain", "User-agent: *\nDisallow: /private/\nCrawl-delay: 1\n\n"
                        + "User-agent: otherbot\nDisallow: /\n")
                .page("/feed.xml", "application/rss+xml", rss("/private/secret", "/news/a", "/news/b"))
                .page("/private/secret", "text/html", article("Secret", "Not for crawlers."))
                .page("/news/a", "text/html", article("Story A", "Text of story A."))
                .page("/news/b", "text/html", article("Story B", "Text of story B."));
        Store store = new Store();
        var report = crawler.crawl(source("/feed.xml", true), store.ids::contains, store::add);
        assertEquals(0, site.hits("/private/secret"), "robots.txt disallows it");
        assertEquals(2, report.added());
        assertEquals(1, site.hits("/robots.txt"), "robots.txt is fetched once and cached");
        List<Long> arrivals = site.arrivals();
        for (int i = 1; i < arrivals.size(); i++) {
            assertTrue(arrivals.get(i) - arrivals.get(i - 1) >= 900,
                    "Crawl-delay: 1 keeps requests a second apart: " + arrivals);
        }
    }

    @Test
    void anUnchangedFeedIsAskedWithItsEtagAndReadFromTheArchive() {
        site.page("/feed.xml", 200, "application/rss+xml",
                        rss("/news/a", "/news/b").getBytes(), Map.of("ETag", "\"v1\""))
                .page("/news/a", "text/html", article("Story A", "Text of story A."));
        Store store = new Store();
        crawler.crawl(source("/feed.xml", true), store.ids::contains, store::add);
        assertEquals(1, store.items.size(), "b is missing for now");
        var second = crawler.crawl(source("/feed.xml", true), store.ids::contains, store::add);
        assertEquals(1, site.notModified("/feed.xml"), "the second request is a conditional GET answered by 304");
        assertEquals(2, second.entries(), "the entries of the unchanged feed come from the archived copy");
        assertEquals(1, site.hits("/news/a"));
    }

    @Test
    void aRestartInTheMiddleOfACrawlLosesAndDuplicatesNothingAndFetchesNothingTwice() throws Exception {
        site.page("/feed.xml", 200, "application/rss+xml",
                rss("/news/1", "/news/2", "/news/3", "/news/4").getBytes(), Map.of("ETag", "\"v1\""));
        for (int i = 1; i <= 4; i++) site.page("/news/" + i, "text/html", article("Story " + i, "Text of story " + i + "."));
        Set<String> committed = new HashSet<>();
        List<Item> uncommitted = new ArrayList<>();
        class PowerCut extends Error {
        }
        assertThrows(PowerCut.class, () -> crawler.crawl(source("/feed.xml", true), committed::contains, item -> {
            uncommitted.add(item);
            if (uncommitted.size() == 2) throw new PowerCut();
        }, () -> committed.addAll(uncommitted.stream().map(Item::id).toList()), Crawler.Listener.NONE));
        assertTrue(committed.isEmpty(), "the crash came before the commit");
        // the process is gone: nothing is closed, a new one opens the same data folder
        Fetcher restartedFetcher = new Fetcher(Fetcher.Settings.defaults().withPerHostDelay(Duration.ZERO));
        try (Crawler restarted = new Crawler(restartedFetcher, data, Crawler.Options.defaults())) {
            assertTrue(restarted.isDue(source("/feed.xml", true)), "the interrupted source is visited again");
            Store store = new Store();
            var report = restarted.crawl(source("/feed.xml", true), committed::contains, store::add);
            assertEquals(4, store.items.size());
            assertEquals(0, report.failed());
            for (int i = 1; i <= 4; i++) assertEquals(1, site.hits("/news/" + i), "story " + i + " is fetched once in all");
            assertEquals(1, site.notModified("/feed.xml"));
        } finally {
            restartedFetcher.close();
        }
    }

    @Test
    void aHostAnswering429IsLeftAloneUntilRetryAfterAndTheRestWaitsForTheNextVisit() {
        site.page("/feed.xml", "application/rss+xml", rss("/news/a", "/news/b", "/news/c"))
                .page("/news/a", "text/html", article("Story A", "Text of story A."))
                .page("/news/b", 429, "text/plain", "slow down".getBytes(), Map.of("Retry-After", "3600"))
                .page("/news/c", "text/html", article("Story C", "Text of story C."));
        Store store = new Store();
        var report = crawler.crawl(source("/feed.xml", true), store.ids::contains, store::add);
        assertEquals(1, report.added());
        assertEquals(0, site.hits("/news/c"), "no further request to a host that asked for an hour's pause");
        var health = crawler.health(List.of(source("/feed.xml", true))).get(0);
        assertTrue(health.nextVisit().isAfter(Instant.now().plus(Duration.ofMinutes(59))), "next visit after Retry-After");
    }

    @Test
    void chinesePagesInBig5AndGbkReachTheExtractorWithOrWithoutACharsetHeader() throws Exception {
        String trad = "臺灣總統今天會見外國訪問團";
        String simp = "台湾问题专家今天发表评论";
        site.page("/big5-header", 200, "text/html; charset=Big5", chinese(trad, "Big5", false), Map.of())
                .page("/big5-meta", 200, "text/html", chinese(trad, "Big5", true), Map.of())
                .page("/gbk-header", 200, "text/html; charset=GBK", chinese(simp, "GBK", false), Map.of())
                .page("/gbk-meta", 200, "text/html", chinese(simp, "GBK", true), Map.of())
                .page("/feed.xml", "application/rss+xml", rss("/big5-header", "/big5-meta", "/gbk-header", "/gbk-meta"));
        Store store = new Store();
        crawler.crawl(source("/feed.xml", true), store.ids::contains, store::add);
        assertEquals(4, store.items.size(), store.items.toString());
        for (Item item : store.items) {
            String expected = item.url().contains("big5") ? trad : simp;
            assertTrue(item.text().contains(expected), item.url() + " → " + item.text());
        }
    }

    private static byte[] chinese(String sentence, String charset, boolean meta) {
        String html = "<html><head>" + (meta ? "<meta charset=\"" + charset + "\">" : "") + "<title>" + sentence + "</title></head>"
                + "<body><article><h1>" + sentence + "</h1><p>" + sentence + "，雙方討論了區域安全與經濟合作等議題。</p>"
                + "<p>" + sentence + "，這是第二段文字，內容較長以便擷取。</p></article></body></html>";
        return html.getBytes(Charset.forName(charset));
    }

    @Test
    void googleNewsSitemapsIndexesGzippedSitemapsAndRobotsAnnouncedSitemapsAreRead() throws Exception {
        String today = DateTimeFormatter.ISO_LOCAL_DATE.format(Instant.now().atOffset(ZoneOffset.UTC));
        String news = "<?xml version='1.0' encoding='UTF-8'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9' "
                + "xmlns:news='http://www.google.com/schemas/sitemap-news/0.9'>"
                + "<url><loc>" + site.url("/news/fresh") + "</loc><news:news><news:publication><news:name>Herald</news:name>"
                + "<news:language>en</news:language></news:publication><news:publication_date>" + today
                + "</news:publication_date><news:title>Fresh</news:title></news:news></url>"
                + "<url><loc>" + site.url("/news/old") + "</loc><news:news><news:publication><news:name>Herald</news:name>"
                + "<news:language>en</news:language></news:publication><news:publication_date>2008-12-23"
                + "</news:publication_date><news:title>Old</news:title></news:news></url></urlset>";
        String plain = "<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'><url><loc>"
                + site.url("/news/zipped") + "</loc><lastmod>" + today + "</lastmod></url></urlset>";
        String index = "<?xml version='1.0'?><sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
                + "<sitemap><loc>" + site.url("/sitemap-news.xml") + "</loc></sitemap>"
                + "<sitemap><loc>" + site.url("/sitemap-2.xml.gz") + "</loc></sitemap></sitemapindex>";
        site.page("/robots.txt", "text/plain", "User-agent: *\nAllow: /\nSitemap: " + site.url("/sitemap-index.xml") + "\n")
                .page("/sitemap-index.xml", "application/xml", index)
                .page("/sitemap-news.xml", "application/xml", news)
                .page("/sitemap-2.xml.gz", 200, "application/gzip", gzip(plain.getBytes()), Map.of())
                .page("/news/fresh", "text/html", article("Fresh", "A fresh story."))
                .page("/news/old", "text/html", article("Old", "An old story."))
                .page("/news/zipped", "text/html", article("Zipped", "A story from the gzipped sitemap."));
        Source source = new Source("herald", "Herald", null, "en", "US", SourceKind.NEWS, true, true,
                List.of(site.url("/robots.txt")), null);
        Store store = new Store();
        crawler.crawl(source, store.ids::contains, store::add);
        assertEquals(Set.of(site.url("/news/fresh"), site.url("/news/zipped")),
                Set.copyOf(store.items.stream().map(Item::url).toList()));
        assertEquals(0, site.hits("/news/old"), "a news sitemap entry from 2008 is not fetched");
    }

    @Test
    void aJsonFeedIsFollowed() {
        site.page("/feed.json", "application/feed+json", "{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"Herald\","
                        + "\"items\":[{\"id\":\"1\",\"url\":\"" + site.url("/news/a") + "\",\"title\":\"A\",\"date_published\":\"2018-03-23T10:05:00+08:00\"}]}")
                .page("/news/a", "text/html", article("Story A", "Text of story A."));
        Store store = new Store();
        crawler.crawl(source("/feed.json", true), store.ids::contains, store::add);
        assertEquals(1, store.items.size());
    }

    @Test
    void everyResponseIsArchivedAndArchivedArticlesCanBeProcessedAgain() throws Exception {
        site.page("/feed.xml", "application/rss+xml", rss("/news/a", "/news/b"))
                .page("/news/a", "text/html", article("Story A", "Text of story A."))
                .page("/news/b", "text/html", article("Story B", "Text of story B."));
        Store store = new Store();
        crawler.crawl(source("/feed.xml", true), store.ids::contains, store::add);
        try (var files = Files.list(data.resolve("warc"))) {
            assertEquals(1, files.filter(f -> f.toString().endsWith(".warc.gz")).count());
        }
        List<Item> again = new ArrayList<>();
        crawler.archivedItems(again::add);
        assertEquals(Set.copyOf(store.items.stream().map(Item::url).toList()), Set.copyOf(again.stream().map(Item::url).toList()));
        assertTrue(again.stream().allMatch(i -> "herald".equals(i.source())), "the source is kept with the archived response");
    }

    static byte[] gzip(byte[] bytes) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        }
        return out.toByteArray();
    }

    @Test
    void itemUrlPrefersASameSiteCanonical() {
        assertEquals("https://www.example.com/a", crawler.itemUrl("https://www.example.com/a?x=1",
                URI.create("https://www.example.com/a?x=1"), "https://www.example.com/a"));
        assertEquals("https://www.example.com/a?x=1", crawler.itemUrl("https://www.example.com/a?x=1",
                URI.create("https://www.example.com/a?x=1"), "https://elsewhere.org/a"), "a canonical on another site is ignored");
    }
}
