package org.mediamonitor.crawler;

import static org.junit.jupiter.api.Assertions.*;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Feeds from the open web are often broken: whatever the bytes, {@link FeedReader#parse} returns a feed
 * or throws an {@link IOException} that says why, in bounded time. The seeds in
 * {@code FeedReaderFuzzTestInputs/parse} (and every crash found since) run in every build; {@code -Pfuzz}
 * fuzzes from them (docs/FUZZING.md).
 */
class FeedReaderFuzzTest {
    private static final URI BASE = URI.create("https://news.example/world/feed.xml");
    /** The header is often missing or wrong; the input's length picks one, so the fuzzer reaches every case. */
    private static final String[] CONTENT_TYPES = {null, "application/rss+xml", "application/atom+xml; charset=utf-8",
            "text/xml; charset=windows-1252", "application/feed+json", "text/html; charset=big5"};

    private final FeedReader reader = new FeedReader();

    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void parse(byte[] document) {
        String contentType = CONTENT_TYPES[document.length % CONTENT_TYPES.length];
        FeedReader.Feed feed;
        try {
            feed = reader.parse(document, BASE, contentType);
        } catch (IOException e) {
            assertNotNull(e.getMessage(), "a refused feed says why");
            return;
        }
        assertNotNull(feed.entries());
        for (FeedReader.Entry entry : feed.entries()) {
            // the crawler fetches these: a link is absolute or absent
            if (entry.link() != null) assertTrue(entry.link().isAbsolute(), () -> "relative link " + entry.link());
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void entityExpansionIsRefusedNotFollowed() {
        StringBuilder doc = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY a0 \"lol lol lol lol lol\">\n");
        for (int i = 1; i <= 12; i++) {
            doc.append("<!ENTITY a").append(i).append(" \"");
            doc.append(("&a" + (i - 1) + ";").repeat(10));
            doc.append("\">\n");
        }
        doc.append("]>\n<rss version=\"2.0\"><channel><title>&a12;</title><item><link>https://news.example/a</link></item></channel></rss>");
        // 10^12 copies if expanded: the XML parser's limit stops it with an error instead
        IOException refused = assertThrows(IOException.class,
                () -> reader.parse(doc.toString().getBytes(StandardCharsets.UTF_8), BASE, null));
        assertNotNull(refused.getMessage());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void deeplyNestedElementsAndJsonAreRefusedOrRead() {
        String xml = "<rss version=\"2.0\"><channel><title>t</title><item><description>"
                + "<b>".repeat(50_000) + "</b>".repeat(50_000) + "</description></item></channel></rss>";
        String json = "{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":[" + "[".repeat(100_000) + "]".repeat(100_000) + "]}";
        for (String doc : new String[] {xml, json}) {
            try {
                reader.parse(doc.getBytes(StandardCharsets.UTF_8), BASE, null);
            } catch (IOException refused) {
                assertNotNull(refused.getMessage());
            }
        }
    }
}
