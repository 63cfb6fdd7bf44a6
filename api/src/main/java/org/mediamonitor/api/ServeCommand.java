package org.mediamonitor.api;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code monitor serve}: the HTTP service, crawling its sources on a schedule, until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the service: the API and web page, and the crawler on its schedule.")
final class ServeCommand implements Callable<Integer> {

    @Mixin
    SettingsOptions options;

    @Option(names = "--port", paramLabel = "N", description = "HTTP port (default: 8080).")
    Integer port;

    @Option(names = "--demo", description = "Serve a built-in demo news site on loopback and crawl it: data with no internet and no set-up.")
    boolean demo;

    @Override
    public Integer call() throws Exception {
        Settings settings = options.load();
        if (port != null) settings = settings.withPort(port);
        // the demo keeps its data apart from real data, in a new folder, unless told where
        if (demo && options.data == null) settings = settings.withData(Files.createTempDirectory("media-monitor-demo-"));

        DemoSite site = demo ? new DemoSite() : null;
        if (site != null) settings = settings.withSources(site.sources()).withPerHostDelay("0ms").withAnonymousRead(true);

        CountDownLatch stop = new CountDownLatch(1), stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.countDown();
            try {
                stopped.await(); // the index is committed and closed before the JVM ends
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "shutdown"));
        try (site; Service service = new Service(settings)) {
            String url = "http://localhost:" + service.port() + "/";
            System.out.println("Media Monitor is running at " + url + "  (data: " + settings.data().toAbsolutePath() + ")");
            if (site != null) {
                System.out.println("Crawling the demo site " + site.baseUrl() + " (" + site.articles().size()
                        + " articles in English, Traditional and Simplified Chinese). Try " + url + "api/v1/kpi?year=2018");
            }
            System.out.flush();
            stop.await();
        } finally {
            stopped.countDown();
        }
        return 0;
    }
}
