package org.mediamonitor.api;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.mediamonitor.crawler.Crawler;
import org.mediamonitor.model.Source;
import org.mediamonitor.model.SourceKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code monitor crawl}: the crawler alone, over the configured sources or one feed, with a progress display. */
@Command(name = "crawl", mixinStandardHelpOptions = true,
        description = "Crawl the configured sources (or one feed), classify and index what is new.")
final class CrawlCommand implements Callable<Integer> {

    @Mixin
    SettingsOptions options;

    @Option(names = "--once", description = "One pass over the sources that are due, then stop (default: keep crawling, each source on its schedule).")
    boolean once;

    @Option(names = "--all", description = "Visit every enabled source now, even those whose next visit is not due.")
    boolean all;

    @Option(names = "--feed", paramLabel = "URL", description = "Crawl only this feed or sitemap (RSS, Atom, JSON Feed, XML sitemap).")
    String feed;

    @Option(names = "--allow-local", description = "With --feed: allow loopback and private addresses (a feed on this machine).")
    boolean allowLocal;

    @Override
    public Integer call() throws Exception {
        Settings settings = options.load();
        if (feed != null) settings = settings.withSources(List.of(oneFeed(feed, allowLocal)));
        PrintStream err = System.err;
        try (Services services = new Services(settings)) {
            do {
                List<Source> enabled = services.pipeline.enabledSources();
                if (enabled.isEmpty()) {
                    err.println("monitor: no sources to crawl: add some to the sources file or the configuration (--config), or give --feed URL");
                    return 2;
                }
                List<Source> sources = all || feed != null ? enabled : services.pipeline.due(enabled);
                if (sources.size() < enabled.size()) {
                    err.printf("%d of %d sources are due; the others were visited recently (--all visits them anyway)%n",
                            sources.size(), enabled.size());
                }
                pass(services, sources, err);
                if (!once) Thread.sleep(Duration.ofMinutes(1).toMillis());
            } while (!once);
        }
        return 0;
    }

    private static void pass(Services services, List<Source> sources, PrintStream err) throws Exception {
        boolean live = System.console() != null;
        AtomicInteger done = new AtomicInteger(), pages = new AtomicInteger(), errors = new AtomicInteger();
        Runnable show = () -> {
            if (live) err.printf("\r[%d/%d sources] %d pages fetched, %d errors ", done.get(), sources.size(), pages.get(), errors.get());
        };
        Crawler.Listener listener = new Crawler.Listener() {
            @Override
            public void fetched(String source, URI url) {
                pages.incrementAndGet();
                show.run();
            }

            @Override
            public void failed(String source, String url, String reason) {
                errors.incrementAndGet();
                show.run();
            }
        };
        List<Crawler.Report> reports = services.pipeline.crawlOnce(sources, report -> {
            done.incrementAndGet();
            if (live) err.print("\r\033[K");
            err.printf("[%d/%d] %s: %d entries, %d fetched, %d new, %d failed%n", done.get(), sources.size(),
                    report.source(), report.entries(), report.fetched(), report.added(), report.failed());
            show.run();
        }, listener);
        if (live) err.print("\r\033[K");
        err.printf("crawl done: %d sources, %d pages fetched, %d new items, %d failures; %d items stored%n",
                reports.size(), reports.stream().mapToInt(Crawler.Report::fetched).sum(),
                reports.stream().mapToInt(Crawler.Report::added).sum(),
                reports.stream().mapToInt(Crawler.Report::failed).sum(), services.index.size());
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
