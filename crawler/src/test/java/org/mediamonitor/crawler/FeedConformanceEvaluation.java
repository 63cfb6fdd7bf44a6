package org.mediamonitor.crawler;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Measures how much of the third-party feed and sitemap conformance data in {@code ../shared/data/feeds-*}
 * the feed and sitemap readers get right, and prints the shares. Skips when the data is absent. Run:
 * {@code ./mvnw -B -q -pl crawler test -Dtest=FeedConformanceEvaluation -Dsurefire.failIfNoSpecifiedTests=false}
 * (the folder can be moved with {@code -Dmediamonitor.shared=DIR}).
 */
class FeedConformanceEvaluation {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DATA = Path.of(System.getProperty("mediamonitor.shared", "../../shared/data"));

    private static List<JsonNode> index(Path set) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(set.resolve("index.jsonl"))) if (!line.isBlank()) rows.add(JSON.readTree(line));
        return rows;
    }

    private static String share(int good, int all) {
        return String.format(Locale.ROOT, "%d/%d = %.1f%%", good, all, all == 0 ? 0.0 : 100.0 * good / all);
    }

    /** feed-rs fixtures: per item, link, title and date (as a UTC instant) all as the expected parse says. */
    @Test
    void feedRsFixtures() throws Exception {
        Path set = DATA.resolve("feeds-feed-rs-fixtures");
        assumeTrue(Files.isDirectory(set), "no " + set);
        int items = 0, itemsRight = 0, feeds = 0, feedsParsed = 0, titlesRight = 0, countsRight = 0;
        List<String> misses = new ArrayList<>();
        for (JsonNode row : index(set)) {
            if (row.path("expected_file").isNull()) continue;
            feeds++;
            JsonNode expected = JSON.readTree(set.resolve(row.path("expected_file").asText()).toFile());
            byte[] input = Files.readAllBytes(set.resolve(row.path("input_file").asText()));
            FeedReader.Feed feed;
            try {
                feed = new FeedReader().parse(input, null, null);
                feedsParsed++;
            } catch (IOException e) {
                misses.add(row.path("fixture").asText() + ": " + e.getMessage());
                items += expected.path("entries").size();
                continue;
            }
            if (text(expected.path("title").path("content").asText(null)).equals(text(feed.title()))) titlesRight++;
            List<JsonNode> linked = new ArrayList<>();
            for (JsonNode e : expected.path("entries")) if (!e.path("links").isEmpty()) linked.add(e);
            if (linked.size() == feed.entries().size()) countsRight++;
            for (int i = 0; i < linked.size(); i++) {
                items++;
                JsonNode e = linked.get(i);
                if (i >= feed.entries().size()) continue;
                FeedReader.Entry got = feed.entries().get(i);
                String link = e.path("links").get(0).path("href").asText();
                boolean linkRight = got.link() != null && got.link().toString().equals(link);
                boolean titleRight = text(e.path("title").path("content").asText(null)).equals(text(got.title()));
                Instant when = instant(e.path("published").asText(null));
                if (when == null) when = instant(e.path("updated").asText(null));
                boolean dateRight = when == null ? got.published() == null : when.equals(got.published());
                if (linkRight && titleRight && dateRight) itemsRight++;
                else if (misses.size() < 400) misses.add(row.path("fixture").asText() + "#" + i + (linkRight ? "" : " link " + got.link() + " ≠ " + link)
                        + (titleRight ? "" : " title") + (dateRight ? "" : " date " + got.published() + " ≠ " + when));
            }
        }
        System.out.println("feeds-feed-rs-fixtures: feeds parsed " + share(feedsParsed, feeds) + "; channel titles "
                + share(titlesRight, feeds) + "; item counts " + share(countsRight, feeds)
                + "; items with link, title and date all right " + share(itemsRight, items));
        if (Boolean.getBoolean("mediamonitor.verbose")) misses.forEach(m -> System.out.println("  miss: " + m));
    }

    private static final Pattern CHECK = Pattern.compile("(feed|entries\\[(\\d+)\\])\\['(title|link)'\\]\\s*==\\s*u?'((?:[^'\\\\]|\\\\.)*)'");

    /**
     * feedparser's tests: every expectation about the feed title or an entry's link or title (the fields
     * the crawler uses), with {@code not bozo} meaning the feed must parse; and the ill-formed ("bozo")
     * cases, where a clean error or a liberal parse both pass and only another exception fails.
     */
    @Test
    void feedparserTests() throws Exception {
        Path set = DATA.resolve("feeds-feedparser-tests");
        assumeTrue(Files.isDirectory(set), "no " + set);
        int checks = 0, checksRight = 0, sanitize = 0, sanitizeRight = 0, bozo = 0, bozoClean = 0, bozoParsed = 0, crashes = 0;
        List<String> misses = new ArrayList<>();
        for (JsonNode row : index(set)) {
            String expect = row.path("expect").asText("");
            byte[] input = Files.readAllBytes(set.resolve("files").resolve(row.path("file").asText()));
            String contentType = null;
            for (JsonNode header : row.path("headers")) {
                String h = header.asText();
                if (h.toLowerCase(Locale.ROOT).startsWith("content-type:")) contentType = h.substring(13).strip();
            }
            FeedReader.Feed feed = null;
            Throwable error = null;
            try {
                feed = new FeedReader().parse(input, URI.create("http://example.com/feed.xml"), contentType);
            } catch (IOException e) {
                error = e;
            } catch (RuntimeException e) {
                error = e;
                crashes++;
                misses.add(row.path("file").asText() + ": crashed " + e);
            }
            boolean isBozo = expect.startsWith("bozo") || row.path("category").asText().startsWith("illformed");
            if (isBozo) {
                bozo++;
                if (feed != null) bozoParsed++;
                else if (error instanceof IOException) bozoClean++;
            }
            boolean cleaning = row.path("category").asText().contains("sanitize");
            Matcher m = CHECK.matcher(expect);
            while (m.find()) {
                if (m.group(1).equals("feed") && m.group(3).equals("link")) continue; // the crawler does not use the channel link
                if (cleaning) sanitize++;
                else checks++;
                String want = python(m.group(4));
                String got = null;
                if (feed != null) {
                    if (m.group(1).equals("feed")) got = m.group(3).equals("title") ? feed.title() : null;
                    else {
                        int i = Integer.parseInt(m.group(2));
                        if (i < feed.entries().size()) {
                            FeedReader.Entry e = feed.entries().get(i);
                            got = m.group(3).equals("title") ? e.title() : e.link() == null ? null : e.link().toString();
                        }
                    }
                }
                if (want.equals(got)) {
                    if (cleaning) sanitizeRight++;
                    else checksRight++;
                }
                else misses.add(row.path("file").asText() + ": " + m.group(0) + " got " + got + (error == null ? "" : " (" + error.getMessage() + ")"));
            }
        }
        System.out.println("feeds-feedparser-tests: feed title / entry link / entry title expectations met "
                + share(checksRight, checks) + " (HTML-cleaning cases, counted apart: the crawler keeps titles as text and "
                + "the extractor's title wins: " + share(sanitizeRight, sanitize) + "); ill-formed feeds read or rejected cleanly " + share(bozoParsed + bozoClean, bozo)
                + " (" + bozoParsed + " read liberally, " + bozoClean + " rejected with a clear error); crashes " + crashes);
        if (Boolean.getBoolean("mediamonitor.verbose")) misses.forEach(x -> System.out.println("  miss: " + x));
    }

    private static final Pattern COUNT = Pattern.compile("(\\d+) (?:<loc> )?URLs|(\\d+) child sitemaps");

    /** Sitemaps and small feeds: the number of URLs or child sitemaps the upstream tests expect, or any links for feeds. */
    @Test
    void sitemapSamples() throws Exception {
        Path set = DATA.resolve("feeds-sitemaps-samples");
        assumeTrue(Files.isDirectory(set), "no " + set);
        int files = 0, right = 0;
        List<String> misses = new ArrayList<>();
        for (JsonNode row : index(set)) {
            files++;
            byte[] input = Files.readAllBytes(set.resolve(row.path("file").asText()));
            URI url = URI.create("https://example.com/" + Path.of(row.path("file").asText()).getFileName());
            String kind = row.path("kind").asText();
            try {
                int found;
                if (SitemapReader.isSitemap(input)) {
                    SitemapReader.Sitemap map = new SitemapReader(10 << 20).read(input, url);
                    found = kind.equals("sitemap-index") ? map.children().size() : map.entries().size();
                    if (kind.endsWith("feed")) found = -1; // a feed taken for a sitemap
                } else {
                    found = kind.endsWith("feed") ? new FeedReader().parse(input, url, null).entries().size() : -1;
                }
                Matcher m = COUNT.matcher(row.path("expectation").asText());
                boolean ok = m.find() ? found == Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2)) : found > 0;
                if (ok) right++;
                else misses.add(row.path("file").asText() + ": found " + found + " for " + row.path("expectation").asText());
            } catch (IOException e) {
                misses.add(row.path("file").asText() + ": " + e.getMessage());
            }
        }
        System.out.println("feeds-sitemaps-samples: read as expected " + share(right, files));
        misses.forEach(m -> System.out.println("  miss: " + m));
    }

    private static String text(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s+", " ");
    }

    private static Instant instant(String s) {
        if (s == null) return null;
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The value of a Python string literal's body: \\uXXXX, \\xXX and backslash escapes. */
    private static String python(String body) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\' || i + 1 == body.length()) {
                out.append(c);
                continue;
            }
            char n = body.charAt(++i);
            switch (n) {
                case 'u' -> {
                    out.append((char) Integer.parseInt(body.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                case 'x' -> {
                    out.append((char) Integer.parseInt(body.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                default -> out.append(n);
            }
        }
        return out.toString();
    }
}
