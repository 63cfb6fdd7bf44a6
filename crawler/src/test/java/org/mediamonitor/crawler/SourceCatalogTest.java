package org.mediamonitor.crawler;

import static org.junit.jupiter.api.Assertions.*;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediamonitor.model.Source;
import org.mediamonitor.model.SourceKind;

class SourceCatalogTest {
    @TempDir
    Path folder;

    private static void write(Path file, String yaml, int secondsLater) throws Exception {
        Files.writeString(file, yaml);
        // file systems with coarse timestamps: make each version's time distinct
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(secondsLater)));
    }

    @Test
    void sourcesAreAddedChangedAndDisabledWithoutARestart() throws Exception {
        Path file = folder.resolve("sources.yaml");
        write(file, """
                sources:
                  - id: herald
                    name: Herald
                    feed-url: https://herald.example/feed.xml
                    language: en
                    kind: news
                """, 0);
        Source inline = new Source("local-demo", "Demo", "http://127.0.0.1:1/feed.xml", "en", "TW", SourceKind.NEWS, true, true);
        SourceCatalog catalog = new SourceCatalog(file.toString(), List.of(inline));
        assertEquals(List.of("herald", "local-demo"), catalog.enabled().stream().map(Source::id).toList());

        write(file, """
                sources:
                  - id: herald
                    name: Herald
                    feed-url: https://herald.example/feed.xml
                    enabled: false
                  - id: gazette
                    sitemaps: ["https://gazette.example/news-sitemap.xml"]
                    kind: think-tank
                    recheck: 2h
                """, 10);
        List<Source> now = catalog.enabled();
        assertEquals(List.of("gazette", "local-demo"), now.stream().map(Source::id).toList());
        assertEquals(Duration.ofHours(2), now.get(0).recheck());
        assertEquals(SourceKind.THINK_TANK, now.get(0).kind());
        assertEquals(3, catalog.all().size(), "a disabled source stays on file");

        write(file, "sources:\n  - id: broken\n", 20);
        assertEquals(now, catalog.enabled(), "a broken file is logged and the last good list stays");
    }

    @Test
    void aBadFileIsRefusedAtStartWithItsReason() throws Exception {
        Path file = folder.resolve("sources.yaml");
        write(file, "sources:\n  - id: a\n    feed-url: https://a.example/\n  - id: a\n    feed-url: https://b.example/\n", 0);
        var error = assertThrows(java.io.IOException.class, () -> new SourceCatalog(file.toString(), List.of()));
        assertTrue(error.getMessage().contains("appears twice"), error.getMessage());
        write(file, "sources:\n  - id: a\n    feed-url: https://a.example/\n    recheck: often\n", 5);
        error = assertThrows(java.io.IOException.class, () -> new SourceCatalog(file.toString(), List.of()));
        assertTrue(error.getMessage().contains("recheck"), error.getMessage());
    }

    @Test
    void theBuiltInListCoversTheOutletsTheOfficeFollowsAndNoLocalHost() throws Exception {
        List<Source> all = new SourceCatalog(SourceCatalog.BUILT_IN, List.of()).all();
        assertTrue(all.size() >= 40, "sources: " + all.size());
        Set<String> languages = all.stream().map(Source::language).collect(Collectors.toSet());
        assertTrue(languages.containsAll(Set.of("en", "zh-Hant", "zh-Hans")), languages.toString());
        Set<SourceKind> kinds = all.stream().map(Source::kind).collect(Collectors.toSet());
        assertEquals(Set.of(SourceKind.values()), kinds);
        Set<String> countries = all.stream().map(Source::country).collect(Collectors.toSet());
        assertTrue(countries.containsAll(Set.of("US", "JP", "GB", "DE", "FR", "SG", "HK", "CN", "TW")), countries.toString());
        for (Source source : all) {
            assertFalse(source.local(), source.id());
            List<String> urls = new ArrayList<>(source.sitemaps());
            if (source.feedUrl() != null) urls.add(source.feedUrl());
            for (String url : urls) {
                URI uri = URI.create(url);
                assertTrue(uri.getScheme().startsWith("http"), url);
                String host = uri.getHost();
                assertFalse(host.equals("localhost") || host.endsWith(".localhost") || host.endsWith(".example")
                        || host.endsWith(".test") || host.endsWith(".invalid"), url);
                if (host.matches("[\\d.]+|\\[.*\\]")) {
                    assertFalse(Fetcher.isPrivate(InetAddress.getByName(host)), url);
                }
            }
        }
    }
}
