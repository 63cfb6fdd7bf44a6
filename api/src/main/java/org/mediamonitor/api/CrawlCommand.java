package org.mediamonitor.api;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.mediamonitor.crawler.Crawler;
import org.mediamonitor.model.Source;
import org.mediamonitor.model.SourceKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code monitor crawl}: the crawler alone, over the configured sources or one feed. */
@Command(name = "crawl", mixinStandardHelpOptions = true,
        description = "Crawl the configured sources (or one feed), classify and index what is new.")
final class CrawlCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "Settings that replace the defaults.")
    Path config;

    @Option(names = "--data", paramLabel = "DIR", description = "Data folder (default: ./data).")
    Path data;

    @Option(names = "--once", description = "One pass over the sources, then stop (default: keep crawling on the configured interval).")
    boolean once;

    @Option(names = "--feed", paramLabel = "URL", description = "Crawl only this RSS or Atom feed.")
    String feed;

    @Option(names = "--allow-local", description = "With --feed: allow loopback and private addresses (a feed on this machine).")
    boolean allowLocal;

    @Override
    public Integer call() throws Exception {
        Settings settings = Settings.load(config);
        if (data != null) settings = settings.withData(data);
        List<Source> sources = feed != null ? List.of(oneFeed(feed, allowLocal)) : settings.enabledSources();
        if (sources.isEmpty()) {
            System.err.println("monitor: no sources to crawl: add some to the configuration (--config) or give --feed URL");
            return 2;
        }
        try (Services services = new Services(settings)) {
            do {
                int[] done = {0};
                List<Crawler.Report> reports = services.pipeline.crawlOnce(sources, report -> {
                    done[0]++;
                    System.err.printf("[%d/%d] %s: %d entries, %d fetched, %d new, %d failed%n", done[0], sources.size(),
                            report.source(), report.entries(), report.fetched(), report.added(), report.failed());
                });
                System.err.printf("crawl done: %d sources, %d pages fetched, %d new items, %d failures; %d items stored%n",
                        reports.size(), reports.stream().mapToInt(Crawler.Report::fetched).sum(),
                        reports.stream().mapToInt(Crawler.Report::added).sum(),
                        reports.stream().mapToInt(Crawler.Report::failed).sum(), services.index.size());
                if (!once) Thread.sleep(settings.crawler().intervalDuration().toMillis());
            } while (!once);
        }
        return 0;
    }

    static Source oneFeed(String url, boolean local) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--feed is not a URL: " + url);
        }
        if (uri.getHost() == null) throw new IllegalArgumentException("--feed needs an http(s) URL with a host: " + url);
        return new Source(uri.getHost(), uri.getHost(), url, null, null, SourceKind.NEWS, local, true);
    }
}
