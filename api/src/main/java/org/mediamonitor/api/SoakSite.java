package org.mediamonitor.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.jsoup.nodes.Entities;
import org.mediamonitor.model.Item;
import org.mediamonitor.model.Source;
import org.mediamonitor.model.SourceKind;

/**
 * A news site on loopback whose content keeps changing, for the soak test: three outlets (English,
 * Traditional and Simplified Chinese) publish a new generated article every few seconds, each feed
 * lists an outlet's latest articles, and every page carries a "latest" box and an update note that
 * change while it is read, the way live news pages do.
 */
final class SoakSite implements AutoCloseable {
    /** Articles on the site when it opens, so that the first crawl has work. */
    static final int FIRST_ARTICLES = 30;
    /** Articles an outlet's feed lists, newest first. */
    private static final int FEED_LENGTH = 40;
    /** How often a published article gets another update note. */
    private static final Duration REVISED_EVERY = Duration.ofMinutes(2);
    private static final String[] OUTLETS = {"soak-en", "soak-hant", "soak-hans"};
    private static final String[] LANGUAGES = {"en", "zh-Hant", "zh-Hans"};

    private final BenchIndexCommand.Generator generator;
    private final Duration newEvery;
    private final Instant opened = Instant.now();
    private final HttpServer server;
    private final ExecutorService workers = Executors.newFixedThreadPool(2, r -> new Thread(r, "soak-site"));
    private final AtomicLong requests = new AtomicLong();

    /** @param newEvery time between two new articles on the whole site */
    SoakSite(Duration newEvery, long seed) throws IOException {
        if (newEvery.isNegative() || newEvery.isZero()) throw new IllegalArgumentException("newEvery must be positive");
        this.newEvery = newEvery;
        this.generator = new BenchIndexCommand.Generator(seed);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::serve);
        server.setExecutor(workers);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** One local source per outlet, visited every {@code recheck}. */
    List<Source> sources(Duration recheck) {
        List<Source> list = new ArrayList<>();
        for (int o = 0; o < OUTLETS.length; o++) {
            list.add(new Source(OUTLETS[o], "Soak " + LANGUAGES[o], baseUrl() + "/" + OUTLETS[o] + "/feed.xml", LANGUAGES[o],
                    "TW", SourceKind.NEWS, true, true, List.of(), recheck));
        }
        return list;
    }

    /** Articles published so far. */
    int published() {
        long elapsed = Duration.between(opened, Instant.now()).toMillis();
        return FIRST_ARTICLES + (int) (elapsed / newEvery.toMillis());
    }

    /** Requests the site has answered. */
    long requests() {
        return requests.get();
    }

    /**
     * Article {@code number}, made again at each use (the generator is deterministic) so that the site
     * holds no growing state; one at a time, as the generator's transliterator is not known to be thread-safe.
     */
    private synchronized Item article(int number) {
        return generator.item(number).item();
    }

    private Instant publishedAt(int number) {
        return opened.plus(newEvery.multipliedBy(number - FIRST_ARTICLES));
    }

    private int outletOf(Item item) {
        for (int o = 0; o < LANGUAGES.length; o++) if (LANGUAGES[o].equals(item.language())) return o;
        return 0;
    }

    private void serve(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        String path = exchange.getRequestURI().getPath();
        try (exchange) {
            int count = published();
            for (int o = 0; o < OUTLETS.length; o++) {
                if (path.equals("/" + OUTLETS[o] + "/feed.xml")) {
                    respond(exchange, 200, "application/rss+xml; charset=utf-8", feed(o, count));
                    return;
                }
            }
            if (path.startsWith("/a/") && path.endsWith(".html")) {
                try {
                    int number = Integer.parseInt(path.substring(3, path.length() - 5));
                    if (number >= 0 && number < count) {
                        respond(exchange, 200, "text/html; charset=utf-8", page(number, count));
                        return;
                    }
                } catch (NumberFormatException e) {
                    // not an article number: a 404 below
                }
            }
            respond(exchange, 404, "text/plain; charset=utf-8", "not found");
        }
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private String feed(int outlet, int count) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>")
                .append(OUTLETS[outlet]).append("</title><link>").append(baseUrl()).append("/</link><description>")
                .append(OUTLETS[outlet]).append("</description>\n");
        int listed = 0;
        for (int n = count - 1; n >= 0 && listed < FEED_LENGTH; n--) {
            Item a = article(n);
            if (outletOf(a) != outlet) continue;
            listed++;
            xml.append("<item><title>").append(Entities.escape(a.title())).append("</title><link>").append(baseUrl())
                    .append("/a/").append(n).append(".html</link><guid>").append(baseUrl()).append("/a/").append(n)
                    .append(".html</guid><pubDate>")
                    .append(DateTimeFormatter.RFC_1123_DATE_TIME.format(publishedAt(n).atOffset(ZoneOffset.UTC)))
                    .append("</pubDate></item>\n");
        }
        return xml.append("</channel></rss>\n").toString();
    }

    private String page(int number, int count) {
        Item a = article(number);
        Instant published = publishedAt(number);
        long revisions = Math.max(0, Duration.between(published, Instant.now()).toMillis() / REVISED_EVERY.toMillis());
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"").append(a.language()).append("\"><head><meta charset=\"utf-8\"><title>")
                .append(Entities.escape(a.title())).append("</title><meta property=\"article:published_time\" content=\"")
                .append(published).append("\"></head><body><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav><main><article><h1>")
                .append(Entities.escape(a.title())).append("</h1>");
        for (String paragraph : a.text().split("\n")) html.append("<p>").append(Entities.escape(paragraph)).append("</p>");
        if (revisions > 0) {
            html.append("<p class=\"update\">Updated ").append(revisions).append(" times, last at ")
                    .append(published.plus(REVISED_EVERY.multipliedBy(revisions))).append(".</p>");
        }
        html.append("</article><aside><h2>Latest</h2><ul>");
        for (int n = count - 1; n >= Math.max(0, count - 5); n--) {
            html.append("<li><a href=\"/a/").append(n).append(".html\">").append(Entities.escape(article(n).title())).append("</a></li>");
        }
        return html.append("</ul></aside></main><footer>Served at ").append(Instant.now()).append("</footer></body></html>\n").toString();
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
