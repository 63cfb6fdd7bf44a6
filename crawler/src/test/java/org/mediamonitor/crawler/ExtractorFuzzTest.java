package org.mediamonitor.crawler;

import static org.junit.jupiter.api.Assertions.*;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Whatever the bytes of a page, {@link Extractor#extract} returns an article (perhaps an empty one) in
 * bounded time, and what it returns keeps its documented promises: a title and a text (never null), a
 * date between 1990 and now or none. The pages in {@code ExtractorFuzzTestInputs/extract} run in every
 * build; {@code -Pfuzz} fuzzes from them (docs/FUZZING.md).
 */
class ExtractorFuzzTest {
    /** The header is often missing or wrong; the input's length picks one, so the fuzzer reaches every case. */
    private static final String[] CONTENT_TYPES = {null, "text/html; charset=utf-8", "text/html", "text/html; charset=big5",
            "text/html; charset=gb2312", "application/xhtml+xml; charset=utf-16", "text/html; charset=nonsense"};
    private static final String[] URLS = {"https://news.example/2018/03/05/taiwan-story.html", null, "not a url at all",
            "https://news.example/world/asia/article-12345"};

    private final Extractor extractor = new Extractor();

    @BeforeAll
    static void loadLanguageModels() {
        // the detector loads its models on first use; the time limit is for the input, not for that
        new Extractor().extract("<p>Taipei and Tokyo agreed on trade and tourism this week.</p>".getBytes(StandardCharsets.UTF_8), null, null);
    }

    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void extract(byte[] html) {
        String contentType = CONTENT_TYPES[html.length % CONTENT_TYPES.length];
        String url = URLS[html.length % URLS.length];
        Article article = extractor.extract(html, url, contentType);
        assertNotNull(article.title());
        assertNotNull(article.text());
        if (article.published() != null) {
            assertTrue(article.published().getYear() >= 1990, () -> "implausible date " + article.published());
            assertFalse(article.published().isAfter(OffsetDateTime.now().plusDays(2)), () -> "future date " + article.published());
        }
        if (article.language() != null) assertFalse(article.language().isBlank());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void deeplyNestedMarkupIsExtracted() {
        String paragraph = "<p>The legislature in Taipei passed the budget after a long debate on defence spending.</p>";
        for (String tag : new String[] {"div", "span", "b", "table", "li", "a"}) {
            String html = "<html><body>" + ("<" + tag + ">").repeat(30_000) + paragraph + ("</" + tag + ">").repeat(30_000) + "</body></html>";
            Article article = extractor.extract(html.getBytes(StandardCharsets.UTF_8), "https://news.example/a", null);
            assertNotNull(article.text(), tag);
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void deeplyNestedJsonLdAndHugeAttributesAreSurvived() {
        String jsonLd = "<script type=\"application/ld+json\">" + "{\"@graph\":[".repeat(20_000) + "]}".repeat(20_000) + "</script>";
        String meta = "<meta name=\"date\" content=\"" + "2018-03-05 ".repeat(100_000) + "\">";
        String html = "<html><head>" + jsonLd + meta + "</head><body><h1>Title</h1><p>"
                + "臺灣".repeat(200_000) + "</p></body></html>";
        Article article = extractor.extract(html.getBytes(StandardCharsets.UTF_8), null, null);
        assertEquals("Title", article.title());
        assertFalse(article.text().isEmpty());
    }
}
