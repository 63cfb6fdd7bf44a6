package org.mediamonitor.crawler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Reads RSS 0.9x, 1.0 and 2.0 and Atom feeds (through Rome) and JSON Feed 1.x (through Jackson) into
 * the entries a crawl follows. The character set comes from the HTTP header, the XML declaration or
 * the byte-order mark, as RFC 3023 orders them.
 */
public final class FeedReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One entry of a feed or sitemap: the article it links to (null when it names none) and what the document says about it. */
    public record Entry(URI link, String title, Instant published, String summary) {
    }

    /** What a feed says about itself and its entries. */
    public record Feed(String title, List<Entry> entries) {
    }

    /** The entries with a link of a feed document whose HTTP Content-Type is unknown. */
    public List<Entry> read(byte[] document, URI base) throws IOException {
        return parse(document, base, null).entries().stream().filter(e -> e.link() != null).toList();
    }

    /**
     * Parses a feed document.
     *
     * @param base        the feed's own URL, against which relative links are resolved
     * @param contentType the HTTP Content-Type header (its charset is honoured), or null
     * @throws IOException when the document is not a feed that can be read; the message says why
     */
    public Feed parse(byte[] document, URI base, String contentType) throws IOException {
        if (looksLikeJson(document)) return readJsonFeed(document, base);
        SyndFeed feed;
        try {
            feed = build(document, contentType);
        } catch (FeedException e) {
            byte[] atom = withAtomNamespace(document);
            if (atom == null) throw new IOException("not a readable feed: " + e.getMessage(), e);
            try {
                feed = build(atom, contentType);
            } catch (FeedException again) {
                throw new IOException("not a readable feed: " + e.getMessage(), e);
            }
        }
        List<Entry> entries = new ArrayList<>();
        for (SyndEntry entry : feed.getEntries()) {
            String link = entry.getLink();
            if ((link == null || link.isBlank()) && entry.getUri() != null && entry.getUri().startsWith("http")) {
                link = entry.getUri();
            }
            URI resolved = resolve(base, link);
            Date date = entry.getPublishedDate() != null ? entry.getPublishedDate() : entry.getUpdatedDate();
            String summary = entry.getDescription() == null ? null : entry.getDescription().getValue();
            entries.add(new Entry(resolved, entry.getTitle(), date == null ? null : date.toInstant(), summary));
        }
        return new Feed(feed.getTitle(), entries);
    }

    private static SyndFeed build(byte[] document, String contentType) throws IOException, FeedException {
        try (XmlReader reader = new XmlReader(new ByteArrayInputStream(document), contentType, true)) {
            SyndFeedInput input = new SyndFeedInput();
            // Rome's parser neither loads external entities nor DTDs; the JDK caps internal entity expansion
            input.setAllowDoctypes(true);
            return input.build(reader);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new FeedException(e.getMessage(), e);
        }
    }

    private static final Pattern BARE_FEED = Pattern.compile("<feed(?=[\\s>])(?![^>]*xmlns\\s*=)");

    /** A {@code <feed>} root without a namespace is Atom written carelessly: the same bytes with Atom's namespace, or null. */
    private static byte[] withAtomNamespace(byte[] document) {
        String head = new String(document, 0, Math.min(document.length, 4096), StandardCharsets.ISO_8859_1);
        Matcher m = BARE_FEED.matcher(head);
        if (!m.find()) return null;
        byte[] insert = " xmlns=\"http://www.w3.org/2005/Atom\"".getBytes(StandardCharsets.US_ASCII);
        int at = m.end();
        byte[] fixed = new byte[document.length + insert.length];
        System.arraycopy(document, 0, fixed, 0, at);
        System.arraycopy(insert, 0, fixed, at, insert.length);
        System.arraycopy(document, at, fixed, at + insert.length, document.length - at);
        return fixed;
    }

    private static boolean looksLikeJson(byte[] document) {
        for (int i = 0; i < document.length; i++) {
            int b = document[i] & 0xff;
            if (b == 0xef || b == 0xbb || b == 0xbf || Character.isWhitespace(b)) continue; // BOM, spaces
            return b == '{';
        }
        return false;
    }

    private static Feed readJsonFeed(byte[] document, URI base) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(document);
        } catch (IOException e) {
            throw new IOException("not a readable JSON feed: " + e.getMessage(), e);
        }
        if (root == null || !root.path("version").asText("").contains("jsonfeed.org") || !root.path("items").isArray()) {
            throw new IOException("not a JSON Feed: no jsonfeed.org version or no items");
        }
        URI feedBase = resolve(base, root.path("home_page_url").asText(null));
        // "https:;/x" parses, but nothing resolves against it
        if (feedBase == null || !feedBase.isAbsolute() || feedBase.isOpaque()) feedBase = base;
        List<Entry> entries = new ArrayList<>();
        for (JsonNode item : root.path("items")) {
            String link = item.path("url").asText(null);
            if (link == null) link = item.path("external_url").asText(null);
            URI resolved = resolve(feedBase, link);
            String date = item.path("date_published").asText(null);
            if (date == null) date = item.path("date_modified").asText(null);
            String summary = item.path("summary").asText(null);
            if (summary == null) summary = item.path("content_text").asText(null);
            entries.add(new Entry(resolved, item.path("title").asText(null), instant(date), summary));
        }
        return new Feed(root.path("title").asText(null), entries);
    }

    private static Instant instant(String rfc3339) {
        if (rfc3339 == null) return null;
        try {
            return OffsetDateTime.parse(rfc3339.strip()).toInstant();
        } catch (DateTimeParseException e) {
            try { // some JSON feeds write RSS-style dates
                return OffsetDateTime.parse(rfc3339.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }

    /** The link made absolute against {@code base}; null when it cannot be, as the crawler could not fetch it. */
    private static URI resolve(URI base, String link) {
        if (link == null || link.isBlank()) return null;
        try {
            URI uri = URI.create(link.strip());
            if (base == null) return uri;
            if (!base.isOpaque()) uri = base.resolve(uri);
            return uri.isAbsolute() ? uri : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
