package org.mediamonitor.crawler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Finds the article in a news page: its title, body text, date, author, language, site name and
 * canonical URL. What the page declares (JSON-LD, Open Graph and {@code article:} meta, {@code <time>})
 * comes first; where it declares no body, the element holding the most paragraph text is taken.
 */
public final class Extractor {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CHARSET = Pattern.compile("charset\\s*=\\s*[\"']?([\\w.:-]+)", Pattern.CASE_INSENSITIVE);
    private static final String BOILERPLATE = "nav, header, footer, aside, form, script, style, noscript, "
            + "[class~=(?i)\\b(comments?|related|share|social|newsletter|promo|advert|cookie|subscribe)\\b], "
            + "[id~=(?i)\\b(comments?|related|share|social|newsletter|promo|advert|cookie|subscribe)\\b]";
    private static final String BLOCKS = "p, h2, h3, blockquote, li";

    /**
     * Extracts the article from the bytes of an HTML page.
     *
     * @param html        the page as fetched
     * @param url         where it came from (resolves relative links and dates in the URL)
     * @param contentType the HTTP Content-Type header, or null; its charset wins over the page's own
     */
    public Article extract(byte[] html, String url, String contentType) {
        Document page;
        try {
            page = Jsoup.parse(new ByteArrayInputStream(html), charsetOf(contentType), url == null ? "" : url);
        } catch (IOException e) {
            throw new UncheckedIOException("reading a page held in memory", e);
        }
        JsonNode declared = newsArticleJsonLd(page);

        String title = firstNonBlank(
                text(declared, "headline"),
                meta(page, "og:title"),
                page.select("article h1, h1").stream().map(Element::text).findFirst().orElse(null),
                page.title());

        String body = text(declared, "articleBody");
        String text = body != null && !body.isBlank() ? normaliseParagraphs(body) : mainText(page);

        OffsetDateTime published = firstDate(
                text(declared, "datePublished"),
                meta(page, "article:published_time"),
                meta(page, "datePublished"),
                meta(page, "pubdate"),
                page.select("time[datetime]").stream().map(e -> e.attr("datetime")).findFirst().orElse(null),
                page.select("article time, time").stream().map(Element::text).findFirst().orElse(null),
                dateInUrl(url));

        String author = firstNonBlank(authorOf(declared), meta(page, "author"), meta(page, "article:author"),
                page.select("[rel=author], .byline, .author").stream().map(Element::text).findFirst().orElse(null));
        String siteName = firstNonBlank(meta(page, "og:site_name"), publisherOf(declared));
        String canonical = page.select("link[rel=canonical][href]").stream()
                .map(e -> e.absUrl("href")).filter(s -> !s.isBlank()).findFirst().orElse(null);
        String declaredLanguage = firstNonBlank(page.select("html[lang]").attr("lang"), meta(page, "og:locale"));
        String language = Languages.detect(title + "\n" + text, declaredLanguage);

        return new Article(title == null ? "" : title.strip(), text, published, author, language, siteName, canonical);
    }

    private static String charsetOf(String contentType) {
        if (contentType == null) return null;
        Matcher m = CHARSET.matcher(contentType);
        if (!m.find()) return null;
        try {
            return Charset.forName(m.group(1)).name();
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return null; // let the page's own declaration decide
        }
    }

    /** The text of the element that holds the most paragraph text, outside navigation and comments. */
    private static String mainText(Document page) {
        Element body = page.body() == null ? page : page.body();
        Element clean = body.clone();
        clean.select(BOILERPLATE).remove();
        Map<Element, Integer> weight = new IdentityHashMap<>();
        for (Element p : clean.select("p")) {
            Element parent = p.parent();
            if (parent != null) weight.merge(parent, p.text().length(), Integer::sum);
        }
        Element best = weight.entrySet().stream().max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey).orElse(clean);
        List<String> paragraphs = new ArrayList<>();
        for (Element block : best.select(BLOCKS)) {
            if (!block.select(BLOCKS).stream().allMatch(e -> e == block)) continue; // keep the innermost block
            String line = block.text().strip();
            if (!line.isEmpty()) paragraphs.add(line);
        }
        if (paragraphs.isEmpty()) paragraphs.add(best.text().strip());
        return String.join("\n", paragraphs);
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
        return type.contains("Article") || type.contains("BlogPosting") ? node : null;
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

    private static String meta(Document page, String name) {
        for (Element meta : page.select("meta[property=" + name + "], meta[name=" + name + "], meta[itemprop=" + name + "]")) {
            String content = meta.attr("content");
            if (!content.isBlank()) return content.strip();
        }
        return null;
    }

    private static String dateInUrl(String url) {
        if (url == null) return null;
        Matcher m = Pattern.compile("/((?:19|20)\\d{2})[/-]?(\\d{2})[/-]?(\\d{2})[/-]").matcher(url);
        return m.find() ? m.group(1) + "-" + m.group(2) + "-" + m.group(3) : null;
    }

    private static OffsetDateTime firstDate(String... candidates) {
        for (String candidate : candidates) {
            OffsetDateTime date = Dates.parse(candidate);
            if (date != null) return date;
        }
        return null;
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) if (value != null && !value.isBlank()) return value.strip();
        return null;
    }

}
