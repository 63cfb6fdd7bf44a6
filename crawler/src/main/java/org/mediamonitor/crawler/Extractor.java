package org.mediamonitor.crawler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.Charset;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Finds the article in a news page: its title, body text, date, author, language, site name and
 * canonical URL. What the page declares comes first (JSON-LD {@code NewsArticle} with its
 * {@code articleBody}, Open Graph and {@code article:} meta, microdata, {@code <time>}); the body is
 * otherwise found by content analysis of the DOM ({@link MainText}). Bytes are decoded with the charset
 * of the HTTP header, the byte-order mark, the page's declaration or detection, in that order.
 * An instance holds no state and may be shared between threads.
 */
public final class Extractor {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern URL_DATE = Pattern.compile(
            "/((?:19|20)\\d{2})[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\\d|3[01])(?:[/_.-]|\\d{0,6}/)");
    /** Elements whose class or id name says they hold the publication date. */
    private static final Pattern DATE_CLASS = Pattern.compile("(?i)date|time|publish|posted|meta|info|byline");
    private static final Pattern LANGUAGE_TAG = Pattern.compile("[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8})*");

    /**
     * Extracts the article from the bytes of an HTML page.
     *
     * @param html        the page as fetched
     * @param url         where it came from (resolves relative links and dates in the URL), or null
     * @param contentType the HTTP Content-Type header, or null; its charset wins over the page's own
     */
    public Article extract(byte[] html, String url, String contentType) {
        Charset charset = PageCharset.of(html, contentType);
        Document page = Jsoup.parse(new String(html, charset), url == null ? "" : url);
        Map<String, String> meta = metaOf(page);
        JsonNode declared = newsArticleJsonLd(page);

        Element heading = page.selectFirst("h1");
        String title = firstNonBlank(
                text(declared, "headline"),
                meta.get("og:title"),
                meta.get("twitter:title"),
                heading == null ? null : heading.text(),
                page.title());

        OffsetDateTime published = firstDate(
                text(declared, "datePublished"),
                meta.get("article:published_time"),
                meta.get("datepublished"),
                meta.get("og:published_time"),
                meta.get("pubdate"),
                meta.get("publishdate"),
                meta.get("publish-date"),
                meta.get("parsely-pub-date"),
                meta.get("sailthru.date"),
                meta.get("dc.date.issued"),
                meta.get("dcterms.created"),
                meta.get("date"),
                attribute(page.selectFirst("[itemprop=datePublished]"), "datetime", "content"),
                attribute(page.selectFirst("time[datetime]"), "datetime"),
                text(page.selectFirst("time")));
        if (published == null) published = firstDate(text(dateElement(page)), dateInUrl(url), dateNear(heading));

        String author = firstNonBlank(authorOf(declared), meta.get("author"), meta.get("article:author"),
                meta.get("byl"), meta.get("parsely-author"), meta.get("sailthru.author"),
                text(page.selectFirst("[itemprop=author] [itemprop=name], [itemprop=author], [rel=author], .byline, .author")));
        if (author != null && author.startsWith("http")) author = null; // article:author is often a profile URL
        String siteName = firstNonBlank(meta.get("og:site_name"), publisherOf(declared), meta.get("application-name"));
        Element canonicalLink = page.selectFirst("link[rel=canonical][href]");
        String canonical = firstNonBlank(canonicalLink == null ? null : canonicalLink.absUrl("href"), meta.get("og:url"));
        String declaredLanguage = firstNonBlank(page.selectFirst("html") == null ? null : page.selectFirst("html").attr("lang"),
                meta.get("content-language"), meta.get("og:locale"), text(declared, "inLanguage"));

        String text = articleText(page, bodyOf(declared), title);
        String language = Languages.detect(title + "\n" + text, languageTag(declaredLanguage));
        return new Article(title == null ? "" : title, text, published, author, language, siteName, canonical);
    }

    /** Every meta tag's content by its lower-cased property, name, itemprop or http-equiv; the first wins. */
    private static Map<String, String> metaOf(Document page) {
        Map<String, String> meta = new HashMap<>();
        for (Element e : page.getElementsByTag("meta")) {
            String content = e.attr("content").strip();
            if (content.isEmpty()) continue;
            for (String key : new String[] {"property", "name", "itemprop", "http-equiv"}) {
                String name = e.attr(key);
                if (!name.isEmpty()) meta.putIfAbsent(name.strip().toLowerCase(Locale.ROOT), content);
            }
        }
        return meta;
    }

    /** The first short element named for a date: the date line of pages that declare none. */
    private static Element dateElement(Document page) {
        for (Element e : page.getElementsByAttribute("class")) {
            if (!DATE_CLASS.matcher(e.className()).find()) continue;
            String text = e.text();
            if (text.length() <= 120 && Dates.parse(text) != null) return e;
        }
        return null;
    }

    /** The start of the block holding the headline: where pages without markup print their date line. */
    private static String dateNear(Element heading) {
        if (heading == null || heading.parent() == null) return null;
        String text = heading.parent().text();
        return text.length() > 300 ? text.substring(0, 300) : text;
    }

    private static String attribute(Element e, String... names) {
        if (e == null) return null;
        for (String name : names) if (!e.attr(name).isBlank()) return e.attr(name);
        return null;
    }

    private static String text(Element e) {
        return e == null ? null : e.text();
    }

    /**
     * The body the page declares when the DOM holds much less of it (a teaser, a script-rendered page),
     * else what content analysis of the DOM finds: the DOM keeps the paragraph breaks that JSON-LD often loses.
     */
    private static String articleText(Document page, String declaredBody, String title) {
        String found = page.body() == null ? "" : MainText.of(page.body(), title);
        if (declaredBody == null || declaredBody.isBlank()) return found;
        String declared = normaliseParagraphs(declaredBody);
        return found.length() < 0.5 * declared.length() ? declared : found;
    }

    private static String normaliseParagraphs(String body) {
        List<String> lines = new ArrayList<>();
        for (String line : body.split("\\R+")) {
            String clean = Jsoup.parse(line).text().strip();
            if (!clean.isEmpty()) lines.add(clean);
        }
        return String.join("\n", lines);
    }

    private static JsonNode newsArticleJsonLd(Document page) {
        for (Element script : page.select("script[type=application/ld+json]")) {
            try {
                JsonNode found = findArticle(JSON.readTree(script.data()));
                if (found != null) return found;
            } catch (IOException e) {
                // a broken JSON-LD block is common; the rest of the page still tells
            }
        }
        return null;
    }

    private static JsonNode findArticle(JsonNode node) {
        if (node == null) return null;
        if (node.isArray()) {
            for (JsonNode child : node) {
                JsonNode found = findArticle(child);
                if (found != null) return found;
            }
            return null;
        }
        if (node.has("@graph")) return findArticle(node.get("@graph"));
        String type = node.path("@type").isArray() ? node.path("@type").toString() : node.path("@type").asText("");
        if (type.contains("Article") || type.contains("BlogPosting") || type.contains("Report")) return node;
        return node.has("mainEntity") ? findArticle(node.get("mainEntity")) : null;
    }

    /** The declared body; a live blog declares its posts one by one, newest first as a rule. */
    private static String bodyOf(JsonNode article) {
        String body = text(article, "articleBody");
        if (body != null && !body.isBlank()) return body;
        if (article == null || !article.path("liveBlogUpdate").isArray()) return null;
        StringBuilder posts = new StringBuilder();
        for (JsonNode update : article.path("liveBlogUpdate")) {
            for (String field : new String[] {"headline", "articleBody"}) {
                String value = text(update, field);
                if (value != null && !value.isBlank()) posts.append(value.strip()).append('\n');
            }
        }
        return posts.isEmpty() ? null : posts.toString();
    }

    private static String text(JsonNode node, String field) {
        if (node == null || !node.hasNonNull(field)) return null;
        JsonNode value = node.get(field);
        return value.isValueNode() ? value.asText() : null;
    }

    private static String authorOf(JsonNode article) {
        if (article == null) return null;
        JsonNode author = article.path("author");
        if (author.isArray()) {
            List<String> names = new ArrayList<>();
            author.forEach(a -> names.add(a.isTextual() ? a.asText() : a.path("name").asText("")));
            names.removeIf(String::isBlank);
            return names.isEmpty() ? null : String.join(", ", names);
        }
        return author.isTextual() ? author.asText() : author.path("name").asText(null);
    }

    private static String publisherOf(JsonNode article) {
        return article == null ? null : article.path("publisher").path("name").asText(null);
    }

    private static String dateInUrl(String url) {
        if (url == null) return null;
        Matcher m = URL_DATE.matcher(url);
        return m.find() ? m.group(1) + "-" + m.group(2) + "-" + m.group(3) : null;
    }

    private static OffsetDateTime firstDate(String... candidates) {
        for (String candidate : candidates) {
            OffsetDateTime date = Dates.parse(candidate);
            if (date != null) return date;
        }
        return null;
    }

    /** The declaration when it looks like a language tag ({@code zh-TW}, {@code en_US}); {@code lang="-"} and worse are ignored. */
    private static String languageTag(String declared) {
        return declared != null && LANGUAGE_TAG.matcher(declared).matches() ? declared : null;
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) if (value != null && !value.isBlank()) return value.strip();
        return null;
    }

}
