package org.mediamonitor.crawler;

import static org.junit.jupiter.api.Assertions.*;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Whatever the bytes (plain or gzipped XML), {@link SitemapReader#read} returns the entries and child
 * sitemaps or throws an {@link IOException} that says why, in bounded time; {@link SitemapReader#isSitemap}
 * never fails. Seeds: {@code SitemapReaderFuzzTestInputs/read}; {@code -Pfuzz} fuzzes (docs/FUZZING.md).
 */
class SitemapReaderFuzzTest {
    private static final URI URL = URI.create("https://news.example/sitemaps/news.xml");
    /** Small, so that the fuzzer meets the cap on gzipped sitemaps. */
    private static final int MAX_BYTES = 64 * 1024;

    private final SitemapReader reader = new SitemapReader(MAX_BYTES);

    @BeforeAll
    static void quiet() {
        // crawler-commons logs a warning for every broken sitemap: millions of lines while fuzzing
        ((Logger) org.slf4j.LoggerFactory.getLogger("crawlercommons")).setLevel(Level.ERROR);
    }

    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void read(byte[] document) {
        SitemapReader.isSitemap(document);
        SitemapReader.Sitemap map;
        try {
            map = reader.read(document, URL);
        } catch (IOException e) {
            assertNotNull(e.getMessage(), "a refused sitemap says why");
            return;
        }
        for (FeedReader.Entry entry : map.entries()) {
            assertNotNull(entry.link(), "an entry without a location is left out");
            assertTrue(entry.link().isAbsolute(), () -> "relative link " + entry.link());
        }
        for (URI child : map.children()) assertTrue(child.isAbsolute(), () -> "relative child " + child);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aCompressionBombStopsAtTheCap() throws IOException {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write("<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">".getBytes(StandardCharsets.UTF_8));
            byte[] spaces = new byte[1 << 20];
            java.util.Arrays.fill(spaces, (byte) ' ');
            for (int i = 0; i < 64; i++) gzip.write(spaces);
        }
        IOException refused = assertThrows(IOException.class, () -> reader.read(zipped.toByteArray(), URL));
        assertTrue(refused.getMessage().contains("larger than"), refused.getMessage());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void deepNestingAndEntityExpansionAreRefusedOrRead() {
        String deep = "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><url><loc>https://news.example/a</loc>"
                + "<x>".repeat(50_000) + "</x>".repeat(50_000) + "</url></urlset>";
        StringBuilder laughs = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE urlset [<!ENTITY a0 \"https://news.example/\">");
        for (int i = 1; i <= 12; i++) laughs.append("<!ENTITY a").append(i).append(" \"").append(("&a" + (i - 1) + ";").repeat(10)).append("\">");
        laughs.append("]><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><url><loc>&a12;</loc></url></urlset>");
        for (String doc : new String[] {deep, laughs.toString()}) {
            try {
                reader.read(doc.getBytes(StandardCharsets.UTF_8), URL);
            } catch (IOException refused) {
                assertNotNull(refused.getMessage());
            }
        }
    }
}
