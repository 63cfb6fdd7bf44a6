package org.mediamonitor.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jsoup.nodes.Entities;

/**
 * A news site on loopback for the fault tests: the demo's articles spread over six feeds (each demo
 * outlet split in two sources), released a few at a time in the order they were published, so that
 * every start of the service finds new work. Article responses can be held back for a while, and the
 * site says when an article is asked for and when it has been sent.
 */
final class LocalNewsSite implements AutoCloseable {

    /** One article as the site serves it. */
    record Page(String source, String path, String html, int year) {
    }

    /** One source of the site: its id, the language of its outlet and its feed path. */
    record Feed(String id, String name, String language) {
        String path() {
            return "/" + id + "/feed.xml";
        }
    }

    private final HttpServer server;
    private final String host;
    private final List<Feed> feeds = new ArrayList<>();
    private final List<Page> pages = new ArrayList<>();
    private final Map<String, DemoSite.Article> articleOf = new LinkedHashMap<>();
    private volatile int released;
    private volatile long holdMillis;
    private volatile Consumer<String> events = event -> { };

    /** The site on {@code address} (a loopback address such as 127.0.0.1), with nothing released yet. */
    LocalNewsSite(String address) throws IOException {
        try (DemoSite demo = new DemoSite(); HttpClient http = HttpClient.newHttpClient()) {
            for (DemoSite.Outlet outlet : DemoSite.OUTLETS) {
                for (String part : List.of("a", "b")) feeds.add(new Feed(outlet.id() + "-" + part, outlet.name() + " " + part, outlet.language()));
            }
            Map<String, Integer> perOutlet = new LinkedHashMap<>();
            for (DemoSite.Article article : demo.articles()) {
                int n = perOutlet.merge(article.outlet().id(), 1, Integer::sum);
                String source = article.outlet().id() + "-" + (n % 2 == 1 ? "a" : "b");
                String path = "/" + source + "/" + article.slug() + ".html";
                HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(demo.baseUrl() + article.path())).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (page.statusCode() != 200) throw new IOException("demo page " + article.path() + ": " + page.statusCode());
                pages.add(new Page(source, path, page.body(), article.published().getYear()));
                articleOf.put(path, article);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), 0), 50);
        this.host = address;
        server.createContext("/", this::serve);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "local-news-site");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    String baseUrl() {
        return "http://" + host + ":" + server.getAddress().getPort();
    }

    List<Feed> feeds() {
        return feeds;
    }

    /** Every article of the site, released or not, in release order. */
    List<Page> pages() {
        return pages;
    }

    int size() {
        return pages.size();
    }

    /** The URL an article is stored under. */
    String url(Page page) {
        return baseUrl() + page.path();
    }

    /** Makes the first {@code count} articles (in publication order) appear in their feeds. */
    void release(int count) {
        released = Math.min(count, pages.size());
    }

    int released() {
        return released;
    }

    /** The newest released article of each source: the last one a visit of that source takes. */
    List<String> newestReleasedUrls() {
        Map<String, String> newest = new LinkedHashMap<>();
        for (int i = 0; i < released; i++) newest.put(pages.get(i).source(), url(pages.get(i)));
        return List.copyOf(newest.values());
    }

    /** Keeps each article response waiting this long before it is sent. */
    void hold(long millis) {
        holdMillis = millis;
    }

    /** Hears "asked PATH" when an article is requested and "sent PATH" once it has been written out. */
    void listen(Consumer<String> listener) {
        events = listener;
    }

    /** A configuration entry for each source, local and checked again every {@code recheck}. */
    String sourcesYaml(String recheck) {
        StringBuilder yaml = new StringBuilder("sources:\n");
        for (Feed feed : feeds) {
            yaml.append("  - id: ").append(feed.id()).append('\n')
                    .append("    name: \"").append(feed.name()).append("\"\n")
                    .append("    feed-url: ").append(baseUrl()).append(feed.path()).append('\n')
                    .append("    language: ").append(feed.language()).append('\n')
                    .append("    local: true\n")
                    .append("    recheck: ").append(recheck).append('\n');
        }
        return yaml.toString();
    }

    /** Writes a configuration for the service: loopback only, no sources file, these sources, fast visits. */
    Path writeConfig(Path file, String recheck, String extra) throws IOException {
        String yaml = "server:\n  host: 127.0.0.1\n  anonymous-read: true\n"
                + "crawler:\n  per-host-delay: 0ms\n  interval: " + recheck + "\n  sources-file: \"\"\n"
                + extra + sourcesYaml(recheck);
        Files.writeString(file, yaml);
        return file;
    }

    private void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        try (exchange) {
            for (Feed feed : feeds) {
                if (path.equals(feed.path())) {
                    respond(exchange, 200, "application/rss+xml; charset=utf-8", feed(feed));
                    return;
                }
            }
            int visible = released;
            for (int i = 0; i < visible; i++) {
                Page page = pages.get(i);
                if (page.path().equals(path)) {
                    events.accept("asked " + path);
                    long hold = holdMillis;
                    if (hold > 0) Thread.sleep(hold);
                    respond(exchange, 200, "text/html; charset=utf-8", page.html());
                    events.accept("sent " + path);
                    return;
                }
            }
            respond(exchange, 404, "text/plain; charset=utf-8", "not found");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the crawler went away in the middle of a response (a killed service): nothing to do
        }
    }

    private String feed(Feed feed) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>")
                .append(Entities.escape(feed.name())).append("</title><link>").append(baseUrl()).append('/').append(feed.id())
                .append("/</link><description>").append(Entities.escape(feed.name())).append("</description>\n");
        int visible = released;
        for (int i = 0; i < visible; i++) {
            Page page = pages.get(i);
            if (!page.source().equals(feed.id())) continue;
            DemoSite.Article article = articleOf.get(page.path());
            xml.append("<item><title>").append(Entities.escape(article.title())).append("</title><link>").append(url(page))
                    .append("</link><guid>").append(url(page)).append("</guid><pubDate>")
                    .append(DateTimeFormatter.RFC_1123_DATE_TIME.format(article.published())).append("</pubDate></item>\n");
        }
        return xml.append("</channel></rss>\n").toString();
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
