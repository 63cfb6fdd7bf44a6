package org.mediamonitor.crawler;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.xml.sax.InputSource;

/** Reads RSS 0.9x, 1.0 and 2.0 and Atom feeds (through Rome) into the entries a crawl follows. */
public final class FeedReader {

    /** One entry of a feed: the article it links to and what the feed says about it. */
    public record Entry(URI link, String title, Instant published, String summary) {
    }

    /**
     * Parses a feed document.
     *
     * @param base the feed's own URL, against which relative links are resolved
     * @throws IOException when the document is not a feed that can be read; the message says why
     */
    public List<Entry> read(byte[] document, URI base) throws IOException {
        SyndFeed feed;
        try (InputStream in = new ByteArrayInputStream(document)) {
            SyndFeedInput input = new SyndFeedInput();
            input.setAllowDoctypes(false);
            feed = input.build(new InputSource(in));
        } catch (FeedException | IllegalArgumentException e) {
            throw new IOException("not a readable feed: " + e.getMessage(), e);
        }
        List<Entry> entries = new ArrayList<>();
        for (SyndEntry entry : feed.getEntries()) {
            String link = entry.getLink();
            if ((link == null || link.isBlank()) && entry.getUri() != null && entry.getUri().startsWith("http")) {
                link = entry.getUri();
            }
            if (link == null || link.isBlank()) continue;
            URI resolved;
            try {
                resolved = base.resolve(link.strip());
            } catch (IllegalArgumentException e) {
                continue;
            }
            Date date = entry.getPublishedDate() != null ? entry.getPublishedDate() : entry.getUpdatedDate();
            String summary = entry.getDescription() == null ? null : entry.getDescription().getValue();
            entries.add(new Entry(resolved, entry.getTitle(), date == null ? null : date.toInstant(), summary));
        }
        return entries;
    }
}
