package org.mediamonitor.crawler;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the class and id names of a block say it is: comments, boilerplate (share bars, related links,
 * ads, cookie banners, paywall prompts), page furniture (sidebars, headers, menus, by-lines), or nothing.
 *
 * <p>Names are read word by word, never by substring: {@code commentary}, {@code field--label-hidden},
 * {@code has-paywall}, {@code tag-social-media} or {@code node--promoted} name an article, not a comment,
 * a hidden block or a promotion. So each class is cut into words at hyphens, underscores and camel case;
 * classes that state a property of the block ({@code has-}, {@code no-}, {@code is-}, {@code with-}) or
 * a taxonomy of the post ({@code tag-}, {@code category-}) are skipped, and so is a BEM modifier (after
 * {@code --}). A few stems are distinctive enough to be found inside a word ({@code rightsidebar},
 * {@code fbcomments}).
 */
final class BlockNames {
    static final int PLAIN = 0, FURNITURE = 1, BOILERPLATE = 2, COMMENTS = 3;

    private static final Set<String> COMMENT_WORDS = Set.of("comment", "comments", "commentlist", "disqus", "replies");
    private static final Set<String> BOILERPLATE_WORDS = Set.of("share", "shares", "sharing", "social", "related",
            "recommended", "recommendations", "recommend", "newsletter", "newsletters", "subscribe", "subscription",
            "promo", "promos", "promotion", "advert", "adverts", "advertisement", "advertising", "ad", "ads", "adslot",
            "adunit", "adsense", "dfp", "sponsor", "sponsored", "cookie", "cookies", "consent", "gdpr", "popup", "modal",
            "outbrain", "taboola", "breadcrumb", "breadcrumbs", "trending", "signup", "login", "paywall", "cta", "rating",
            "ratings", "popular");
    /** Word sequences, written without separators, that name boilerplate only together. */
    private static final List<String> BOILERPLATE_PHRASES = List.of("readmore", "morestories", "morearticles",
            "mostpopular", "mostread", "mostviewed", "alsoread", "seealso", "signup", "authorbio", "authorinfo",
            "authorbox", "abouttheauthor", "aboutauthor", "inlinead", "readnext", "youmayalsolike", "morefrom", "morenews",
            "relatedposts", "relatedarticles");
    /** Stems that name boilerplate even inside a longer word. */
    private static final List<String> BOILERPLATE_STEMS = List.of("newsletter", "breadcrumb", "advert", "disqus",
            "taboola", "outbrain", "sharebar", "sharing", "paywall", "cookie", "popup");
    private static final Set<String> FURNITURE_WORDS = Set.of("sidebar", "widget", "widgets", "footer", "header",
            "masthead", "navbar", "menu", "pagination", "pager", "banner", "byline", "dateline", "timestamp", "caption",
            "credit", "credits", "toolbar", "tooltip", "skip", "copyright", "disclaimer", "meta", "tag", "tags", "date",
            "time", "topbar", "aside");
    private static final List<String> FURNITURE_STEMS = List.of("sidebar", "footer", "masthead", "navbar", "pagination",
            "copyright", "disclaimer");
    /** Whole classes that hide a block. */
    private static final Set<String> HIDDEN = Set.of("hidden", "hide", "d-none", "sr-only", "visually-hidden",
            "visuallyhidden", "screen-reader-text", "screen-reader-only", "invisible", "u-hidden", "print-only",
            "element-invisible", "offscreen");
    /** Classes that state a property of the block or the taxonomy of a post, not what the block is. */
    private static final List<String> PROPERTY_PREFIXES = List.of("has-", "has_", "no-", "no_", "is-", "is_", "with-",
            "without-", "enable-", "tag-", "category-", "categories-", "format-", "status-", "type-", "post_tag-");

    /** Class names repeat within and across pages; reading them is a large part of the cost. */
    private static final Map<String, Integer> KNOWN = new ConcurrentHashMap<>();

    private BlockNames() {
    }

    /** The kind named by a block's {@code class} and {@code id} attributes. */
    static int of(String className, String id) {
        String names = className + " #" + id;
        Integer known = KNOWN.get(names);
        if (known != null) return known;
        int kind = Math.max(classify(className), classify(id));
        if (KNOWN.size() > 50_000) KNOWN.clear(); // bounded: a crawl meets endless generated names
        KNOWN.put(names, kind);
        return kind;
    }

    private static int classify(String names) {
        int kind = PLAIN;
        int start = 0;
        for (int i = 0; i <= names.length(); i++) {
            if (i == names.length() || Character.isWhitespace(names.charAt(i))) {
                if (i > start) kind = Math.max(kind, classifyOne(names.substring(start, i)));
                if (kind == COMMENTS) return kind;
                start = i + 1;
            }
        }
        return kind;
    }

    private static int classifyOne(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (HIDDEN.contains(lower)) return FURNITURE;
        if (startsWithAny(lower, PROPERTY_PREFIXES)) return PLAIN;
        // a BEM modifier says which variant of the block this is; one that states a property is skipped
        List<String> words = new ArrayList<>(4);
        int from = 0;
        for (int cut = name.indexOf("--"); from <= name.length(); cut = name.indexOf("--", from)) {
            String part = name.substring(from, cut < 0 ? name.length() : cut);
            if (from == 0 || !startsWithAny(part.toLowerCase(Locale.ROOT), PROPERTY_PREFIXES)) words.addAll(words(part));
            if (cut < 0) break;
            from = cut + 2;
        }
        int kind = PLAIN;
        StringBuilder joined = new StringBuilder();
        for (String word : words) {
            joined.append(word);
            if (COMMENT_WORDS.contains(word) || word.endsWith("comments") || readersComments(word)) return COMMENTS;
            if (BOILERPLATE_WORDS.contains(word) || containsAny(word, BOILERPLATE_STEMS)) kind = BOILERPLATE;
            else if (kind == PLAIN && (FURNITURE_WORDS.contains(word) || word.startsWith("nav")
                    || containsAny(word, FURNITURE_STEMS))) kind = FURNITURE;
        }
        if (kind < BOILERPLATE && words.size() > 1 && containsAny(joined.toString(), BOILERPLATE_PHRASES)) kind = BOILERPLATE;
        return kind;
    }

    /** What a comments block is called after "comment" in a run-together name ({@code commentlist}, {@code commentarea}). */
    private static final Set<String> COMMENT_PARTS = Set.of("list", "links", "area", "section", "thread", "threads",
            "wrap", "wrapper", "container", "block", "box", "body", "content", "text", "holder");

    /**
     * A word run together from "comment" and what a comments block is: {@code commentlinks},
     * {@code commentarea}; not {@code commentary} (an opinion article) nor {@code commentmeta} (the
     * post's date and comment count).
     */
    private static boolean readersComments(String word) {
        return word.startsWith("comment") && COMMENT_PARTS.contains(word.substring(7));
    }

    /** Lower-cased words of a name cut at hyphens, underscores, digits and camel case. */
    static List<String> words(String name) {
        List<String> words = new ArrayList<>(4);
        int start = 0;
        for (int i = 0; i <= name.length(); i++) {
            boolean cut = i == name.length() || !Character.isLetter(name.charAt(i))
                    || (i > start && Character.isUpperCase(name.charAt(i)) && Character.isLowerCase(name.charAt(i - 1)));
            if (!cut) continue;
            if (i > start) words.add(name.substring(start, i).toLowerCase(Locale.ROOT));
            start = i < name.length() && Character.isLetter(name.charAt(i)) ? i : i + 1;
        }
        return words;
    }

    private static boolean startsWithAny(String name, List<String> prefixes) {
        for (String prefix : prefixes) if (name.startsWith(prefix)) return true;
        return false;
    }

    private static boolean containsAny(String word, List<String> parts) {
        for (String part : parts) if (word.contains(part)) return true;
        return false;
    }
}
