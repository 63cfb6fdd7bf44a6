package org.mediamonitor.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.jsoup.Jsoup;
import org.mediamonitor.crawler.Extractor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code monitor bench extraction}: the extractor's speed over article pages, beside a plain Jsoup
 * parse and {@code text()} of the same bytes. The pages are the demo site's articles as it serves them
 * and, when the evaluation data is present, the HTML pages of its article-extraction sets, read in place.
 */
@Command(name = "extraction", mixinStandardHelpOptions = true,
        description = "Time the article extractor against a plain Jsoup parse + text() of the same pages.")
final class BenchExtractionCommand extends BenchAllCommand.Stage {


    @Option(names = "--shared", paramLabel = "DIR", description = "Evaluation data folder whose article-extraction-*/html pages are added when present (default: ../shared/data).")
    Path shared = Path.of("../shared/data");

    @Option(names = "--seconds", paramLabel = "S", description = "Time for the timed rounds (default: 8, quick: 2).")
    Double seconds;

    /** A page as fetched: its bytes and URL. */
    record Page(byte[] html, String url) {
    }

    @Override
    List<BenchAllCommand.Figure> measure(boolean quick) throws Exception {
        List<Page> pages = pages(quick ? 30 : 300);
        long bytes = pages.stream().mapToLong(p -> p.html().length).sum();
        Extractor extractor = new Extractor();
        long[] sink = new long[1];
        long[] nanos = BenchAllCommand.race(
                () -> { for (Page p : pages) sink[0] += extractor.extract(p.html(), p.url(), "text/html").text().length(); },
                () -> {
                    for (Page p : pages) {
                        try {
                            sink[0] += Jsoup.parse(new ByteArrayInputStream(p.html()), null, p.url()).text().length();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                },
                seconds != null ? seconds : quick ? 2 : 8, 3, true);
        String what = String.format(Locale.ROOT, "extraction (%d pages, %.1f MB)", pages.size(), bytes / 1e6);
        return List.of(new BenchAllCommand.Figure(what, BenchAllCommand.perSecond(pages.size(), nanos[0]), "pages/s",
                "Jsoup.parse + text()", BenchAllCommand.perSecond(pages.size(), nanos[1])));
    }

    /** The demo site's article pages, fetched from it, and up to {@code most} pages of the evaluation sets. */
    List<Page> pages(int most) throws Exception {
        List<Page> pages = new ArrayList<>();
        try (DemoSite site = new DemoSite(); HttpClient http = HttpClient.newHttpClient()) {
            for (DemoSite.Article a : site.articles()) {
                String url = site.baseUrl() + a.path();
                HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() == 200) pages.add(new Page(response.body(), url));
            }
        }
        if (shared != null && Files.isDirectory(shared)) {
            for (String set : List.of("article-extraction-zyte", "article-extraction-trafilatura", "article-extraction-zh-web")) {
                Path html = shared.resolve(set).resolve("html");
                if (!Files.isDirectory(html)) continue;
                try (Stream<Path> files = Files.list(html)) {
                    for (Path file : files.sorted().limit(most / 3).toList()) {
                        try (InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(file)) : Files.newInputStream(file)) {
                            pages.add(new Page(in.readAllBytes(), "https://" + set + ".example/" + file.getFileName()));
                        }
                    }
                }
            }
        }
        return pages;
    }
}
