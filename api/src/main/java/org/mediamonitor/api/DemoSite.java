package org.mediamonitor.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Entities;
import org.mediamonitor.model.Source;
import org.mediamonitor.model.SourceKind;

/**
 * A small news site on loopback, built into the jar, so that a new user sees Media Monitor work with
 * no internet and no set-up: three invented outlets (English, Traditional and Simplified Chinese), each
 * with a feed and article pages written for the demo, marked up the way real outlets do it (JSON-LD,
 * Open Graph, or nothing at all) and wrapped in menus and related links.
 */
final class DemoSite implements AutoCloseable {

    record Outlet(String id, String name, String language, String country, SourceKind kind, boolean atom) {
    }

    record Article(String slug, Outlet outlet, String language, OffsetDateTime published, String author,
                   String title, List<String> paragraphs, String intended) {
        String path() {
            return "/" + outlet.id() + "/" + published.getYear() + "/" + String.format("%02d", published.getMonthValue())
                    + "/" + slug + ".html";
        }
    }

    static final List<Outlet> OUTLETS = List.of(
            new Outlet("pacific-herald", "The Pacific Herald", "en", "US", SourceKind.NEWS, false),
            new Outlet("harbour-daily", "海港日報", "zh-Hant", "HK", SourceKind.NEWS, true),
            new Outlet("eastern-observer", "东方观察", "zh-Hans", "SG", SourceKind.NEWS, false));

    private final List<Article> articles;
    private final HttpServer server;

    DemoSite() throws IOException {
        this.articles = load();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::serve);
        server.start();
    }

    /** The articles of the demo, as written. */
    List<Article> articles() {
        return articles;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** One source per outlet, marked local so that the crawler may fetch from loopback. */
    List<Source> sources() {
        return OUTLETS.stream().map(o -> new Source(o.id(), o.name(), baseUrl() + "/" + o.id() + "/feed.xml",
                o.language(), o.country(), o.kind(), true, true)).toList();
    }

    private void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        try (exchange) {
            for (Outlet outlet : OUTLETS) {
                if (path.equals("/" + outlet.id() + "/feed.xml")) {
                    respond(exchange, 200, outlet.atom() ? "application/atom+xml; charset=utf-8"
                            : "application/rss+xml; charset=utf-8", feed(outlet));
                    return;
                }
            }
            for (int i = 0; i < articles.size(); i++) {
                if (articles.get(i).path().equals(path)) {
                    respond(exchange, 200, "text/html; charset=utf-8", page(articles.get(i), i));
                    return;
                }
            }
            if (path.equals("/")) {
                respond(exchange, 200, "text/html; charset=utf-8", home());
                return;
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

    private String feed(Outlet outlet) {
        List<Article> own = articles.stream().filter(a -> a.outlet().equals(outlet)).toList();
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        if (outlet.atom()) {
            xml.append("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>").append(Entities.escape(outlet.name()))
                    .append("</title><id>").append(baseUrl()).append('/').append(outlet.id()).append("/</id><updated>")
                    .append(own.getLast().published()).append("</updated>\n");
            for (Article a : own.reversed()) {
                xml.append("<entry><title>").append(Entities.escape(a.title())).append("</title><link href=\"")
                        .append(baseUrl()).append(a.path()).append("?utm_source=feed&amp;utm_medium=atom\"/><id>")
                        .append(baseUrl()).append(a.path()).append("</id><updated>").append(a.published())
                        .append("</updated><summary>").append(Entities.escape(a.paragraphs().getFirst())).append("</summary></entry>\n");
            }
            return xml.append("</feed>\n").toString();
        }
        xml.append("<rss version=\"2.0\"><channel><title>").append(Entities.escape(outlet.name())).append("</title><link>")
                .append(baseUrl()).append('/').append(outlet.id()).append("/</link><description>")
                .append(Entities.escape(outlet.name())).append("</description>\n");
        for (Article a : own.reversed()) {
            xml.append("<item><title>").append(Entities.escape(a.title())).append("</title><link>").append(baseUrl())
                    .append(a.path()).append("</link><guid>").append(baseUrl()).append(a.path()).append("</guid><pubDate>")
                    .append(DateTimeFormatter.RFC_1123_DATE_TIME.format(a.published())).append("</pubDate><description>")
                    .append(Entities.escape(a.paragraphs().getFirst())).append("</description></item>\n");
        }
        return xml.append("</channel></rss>\n").toString();
    }

    /** An article page; the markup style rotates so the extractor meets the kinds real outlets use. */
    private String page(Article a, int number) {
        Outlet o = a.outlet();
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"").append(a.language()).append("\"><head>")
                .append("<meta charset=\"utf-8\"><title>").append(Entities.escape(a.title())).append(" | ").append(Entities.escape(o.name()))
                .append("</title>");
        int style = number % 3;
        if (style == 0) {
            Map<String, Object> ld = new LinkedHashMap<>();
            ld.put("@context", "https://schema.org");
            ld.put("@type", "NewsArticle");
            ld.put("headline", a.title());
            ld.put("datePublished", a.published().toString());
            ld.put("author", Map.of("@type", "Person", "name", a.author()));
            ld.put("publisher", Map.of("@type", "Organization", "name", o.name()));
            ld.put("articleBody", String.join("\n", a.paragraphs()));
            try {
                html.append("<script type=\"application/ld+json\">")
                        .append(Json.MAPPER.writeValueAsString(ld).replace("</", "<\\/")).append("</script>");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else if (style == 1) {
            html.append("<meta property=\"og:title\" content=\"").append(Entities.escape(a.title())).append("\">")
                    .append("<meta property=\"og:site_name\" content=\"").append(Entities.escape(o.name())).append("\">")
                    .append("<meta property=\"article:published_time\" content=\"").append(a.published()).append("\">")
                    .append("<meta name=\"author\" content=\"").append(Entities.escape(a.author())).append("\">");
        }
        html.append("</head><body><header><a href=\"/").append(o.id()).append("/\">").append(Entities.escape(o.name()))
                .append("</a><nav><ul><li><a href=\"#\">World</a></li><li><a href=\"#\">Asia</a></li>")
                .append("<li><a href=\"#\">Opinion</a></li><li><a href=\"#\">Business</a></li></ul></nav></header>")
                .append("<main><article><h1>").append(Entities.escape(a.title())).append("</h1>");
        if (style == 2) {
            html.append("<p class=\"byline\">").append(Entities.escape(a.author())).append(" · <time>")
                    .append(a.published().toLocalDate()).append(' ')
                    .append(a.published().toLocalTime()).append("</time></p>");
        }
        html.append("<div class=\"article-body\">");
        for (String paragraph : a.paragraphs()) html.append("<p>").append(Entities.escape(paragraph)).append("</p>");
        html.append("</div></article><aside class=\"related\"><h2>Related</h2><ul>");
        for (Article other : articles) {
            if (other != a && other.outlet() == o && Math.abs(other.published().getYear() - a.published().getYear()) == 0) {
                html.append("<li><a href=\"").append(other.path()).append("\">").append(Entities.escape(other.title())).append("</a></li>");
            }
        }
        html.append("</ul></aside></main><footer><p>© ").append(Entities.escape(o.name()))
                .append(". Demo content written for Media Monitor.</p></footer></body></html>\n");
        return html.toString();
    }

    private String home() {
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Media Monitor demo site</title></head><body><h1>Demo outlets</h1><ul>");
        for (Outlet o : OUTLETS) {
            html.append("<li>").append(Entities.escape(o.name())).append(": <a href=\"/").append(o.id()).append("/feed.xml\">feed</a></li>");
        }
        return html.append("</ul></body></html>").toString();
    }

    private static List<Article> load() throws IOException {
        List<Article> list = new ArrayList<>();
        try (InputStream in = DemoSite.class.getResourceAsStream("/demo/articles.jsonl")) {
            if (in == null) throw new IOException("the demo articles are missing from the jar");
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String text; (text = reader.readLine()) != null; ) {
                if (text.isBlank()) continue;
                String line = text;
                JsonNode row = Json.MAPPER.readTree(line);
                Outlet outlet = OUTLETS.stream().filter(o -> o.id().equals(row.get("outlet").asText())).findFirst()
                        .orElseThrow(() -> new IOException("demo article with unknown outlet: " + line));
                List<String> paragraphs = new ArrayList<>();
                row.get("paragraphs").forEach(p -> paragraphs.add(p.asText()));
                list.add(new Article(row.get("slug").asText(), outlet, row.get("lang").asText(),
                        OffsetDateTime.parse(row.get("published").asText()), row.get("author").asText(),
                        row.get("title").asText(), paragraphs, row.get("intended").asText()));
            }
        }
        list.sort((x, y) -> x.published().compareTo(y.published()));
        return list;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
