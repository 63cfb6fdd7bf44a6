package org.mediamonitor.crawler;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Finds the article text of a page that does not declare it, by content analysis of the DOM.
 *
 * <p>First the page loses what is never article text: scripts, navigation, menus, figures and their
 * captions, hidden elements, and the blocks whose class or id names them ({@link BlockNames}) as comments,
 * share bars, related links, cookie banners, paywall prompts and the like, unless such a block holds much
 * of the page's prose (then the name lies: some sites wrap the whole article in an {@code <aside>} or a
 * "social" block). The rest is cut into lines at block boundaries and {@code <br>}. A line is "good" when
 * it is long enough (a Han character counts as three letters) and not mostly link text; its length counts
 * for every element above it, a quarter of it when it is the only good line of a block that also holds a
 * link (a teaser under its linked title). The article is the deepest element that still holds nearly all
 * the good text, or half of it when that part is dense prose and the rest is interleaved with short lines
 * (a teaser list), so a body split over several blocks is kept whole. Its lines are kept except link
 * lists, labels such as "Read more", the headline, and the by-line and date lines above the text. When
 * that finds no prose or hardly any, the page is read again trusting only tags and comment names: the
 * names that hid the article misled.
 */
final class MainText {
    private static final Set<String> DROPPED = Set.of("script", "style", "noscript", "template", "svg", "canvas",
            "iframe", "object", "embed", "button", "input", "select", "textarea", "option", "nav", "menu",
            "dialog", "figcaption", "figure", "audio", "video", "picture", "img", "map", "head", "link", "meta");
    /** Dropped unless they hold much of the paragraph text: some sites wrap the whole article in them. */
    private static final Set<String> GUARDED = Set.of("form", "header", "aside", "footer");
    private static final Set<String> BLOCKS = Set.of("p", "div", "section", "article", "main", "h1", "h2", "h3",
            "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "table", "tr", "td", "th",
            "tbody", "thead", "tfoot", "hr", "header", "footer", "address", "center", "form", "fieldset", "details",
            "summary", "caption", "body", "figure", "hgroup");
    private static final Set<String> PARAGRAPHS = Set.of("p", "li", "dd", "dt", "blockquote", "pre", "td", "th",
            "h1", "h2", "h3", "h4", "h5", "h6");
    private static final Set<String> LIST_ITEMS = Set.of("li", "dd", "dt", "td");
    private static final Set<String> HEADINGS = Set.of("h1", "h2", "h3", "h4", "h5", "h6");
    private static final Pattern BYLINE = Pattern.compile(
            "(?i)(by|von|par|por|di|door|av|af|przez|от)\\s+|作者|記者|记者|文／|文/");
    private static final Pattern DISPLAY_NONE = Pattern.compile("display\\s*:\\s*none|visibility\\s*:\\s*hidden");
    private static final Pattern SPACE = Pattern.compile("[\\s\\u00a0\\u200b]+");
    /** Short lines that are calls to action or labels, not sentences of the article. */
    private static final Pattern LABEL = Pattern.compile(
            "(?i)^(advertisement|advertising|advert|anzeige|werbung|publicité|publicidad|pubblicità|sponsored|caption|close|"
                    + "this slideshow requires javascript\\.?|read more|read next|continue reading|"
                    + "share( this( article| story)?)?|related( articles| stories| content)?|see also|more:?|"
                    + "click here.*|subscribe.*|sign up.*|follow us.*|photo:.*|image:.*|getty images|"
                    + "loading\\.*|scroll to continue.*|skip to .*|back to top|top|print|email|tweet|comments?|"
                    + "tags?:?|schlagwörter:?|stichwörter:?|etiquetas:?|mots-clés:?|標籤：?|标签：?|"
                    + "相关(新闻|阅读|文章).*|相關(新聞|閱讀|文章).*|责任编辑.*|責任編輯.*|分享.*|广告|廣告|返回.*|打印.*|关闭.*)$");
    /**
     * Headings over a list of other stories, the writer's profile or the readers' comments, in the
     * languages of the monitored press and its neighbours. Not the inline "Read also:" before one link inside the text,
     * which is dropped as a label while the text goes on after it.
     */
    private static final Pattern FURTHER_READING = Pattern.compile("(?iU)^\\W*("
            // English
            + "related( articles| stories| posts| content| news| coverage| reading)?|more on (this|that)( story| topic)?|"
            + "you (may|might) (also )?(like|enjoy|be interested in)|recommended( for you| stories| articles| reading)?|"
            + "read next|more from .*|more (stories|articles|news)( from .*)?|further reading|about the authors?|"
            + "what to read next|most (read|popular|viewed)|trending( now)?|"
            // German
            + "mehr zum thema.*|mehr (themen|artikel|nachrichten)|verwandte (beiträge|artikel|themen)|auch interessant|"
            + "(das|dies|dieses thema) könnte (sie|dich) (auch )?interessieren|über (den autor|die autorin)|"
            + "ähnliche (beiträge|artikel)|meistgelesen|"
            // French, Spanish, Portuguese, Italian, Dutch
            + "sur le même sujet|(articles|contenus) (liés|similaires|recommandés)|les plus lus|"
            + "(también )?te (puede|podría) interesar|(noticias|artículos) relacionad[oa]s|lo más leído|"
            + "você (pode|também pode) gostar|(notícias|artigos) relacionad[oa]s|mais lidas|potrebbe interessarti|"
            + "articoli correlati|gerelateerde artikelen|"
            // Russian
            + "читайте также|похожие (статьи|записи|новости)|другие новости|самые популярные .*|по теме|"
            // the readers' comments that follow the text, in all of these languages
            + "comments?|\\d+ comments?|leave a (comment|reply)|kommentare?|\\d+ kommentare?|kommentar schreiben|"
            + "commentaires?|laisser un commentaire|comentarios?|deja un comentario|deixe um comentário|commenti|"
            + "reacties|komentarze|отзывы|комментарии|добавить (отзыв|комментарий)|"
            + "[评評]論|[评評]论|留言|網友留言|网友评论|[发發]表[评評][论論]|我要[评評][论論]|コメント|"
            // Chinese and Japanese
            + "相[关關](新[闻聞]|[阅閱][读讀]|文章|推荐|推薦|報導|报道)|延伸[阅閱][读讀]|推[荐薦][阅閱][读讀]|[热熱][门門](文章|新[闻聞])|"
            + "猜你喜[欢歡]|你可能也喜[欢歡]|更多(新[闻聞]|文章|報導|报道)|関連記事|あわせて読みたい"
            + ")\\W*$");
    /**
     * Headings over recommendations ("You may also like", "Você pode gostar") and over the readers'
     * comments: they follow the text, never interrupt it, so the text ends there even when most of
     * what looks like prose lies below.
     */
    private static final Pattern AFTER_THE_TEXT = Pattern.compile("(?iU)^\\W*("
            + "you (may|might) (also )?(like|enjoy|be interested in)|recommended for you|vous aimerez aussi|"
            + "(das|dies|dieses thema) könnte (sie|dich) (auch )?interessieren|(también )?te (puede|podría) interesar|"
            + "você (pode|também pode) gostar|potrebbe interessarti|猜你喜[欢歡]|你可能也喜[欢歡]|あわせて読みたい|"
            + "\\d+ comments?|leave a (comment|reply)|\\d+ kommentare?|kommentar schreiben|laisser un commentaire|"
            + "deja un comentario|deixe um comentário|добавить (отзыв|комментарий)|[发發]表[评評][论論]|我要[评評][论論]"
            + ")\\W*$");
    /** How much of the article's text must lie above a heading over other stories for the text to end there. */
    private static final double MOSTLY_ABOVE = 0.7;
    /** ... and above a heading over recommendations or comments: enough for the text not to be a teaser of its own. */
    private static final double SOME_ABOVE = 0.15;

    /** How much of its parent's good text a child must hold for the article to be looked for inside it. */
    private static final double HOLDS_NEARLY_ALL = 0.8;
    /** A child holding this share of the good text is the article when it is much denser in prose than the rest. */
    private static final double DENSE_PART = 0.5;

    /** How much a good line counts when it is the only one of a block of titles, names and dates. */
    private static final double TEASER = 0.25;
    /** No link text is longer (in Latin-letter equivalents); a card around a teaser and its summary is shorter. */
    private static final int LONGEST_LINK = 1000;
    /** Below this length (in Latin-letter equivalents) the article may have been left out with the boilerplate. */
    private static final int SHORT = 200;

    private MainText() {
    }

    /** One line of text: what lies between two block boundaries. */
    private record Line(Element owner, String text, int linkChars, boolean heading) {
        double linkDensity() {
            return text.isEmpty() ? 0 : (double) linkChars / text.length();
        }
    }

    /** The article text of {@code body}, paragraphs separated by newlines. */
    static String of(Element body, String title) {
        Map<Element, Integer> prose = new IdentityHashMap<>();
        List<Set<Element>> removed = prune(body, prose);
        Reading careful = read(body, title, removed.get(0), prose);
        int length = effectiveLength(careful.text());
        // a careful reading that finds no prose, or hardly any, has probably left the article out with the boilerplate
        if (careful.prose() && length >= SHORT) return careful.text();
        Reading lenient = read(body, title, removed.get(1), prose);
        int lenientLength = effectiveLength(lenient.text());
        boolean better = lenient.prose() && (!careful.prose() || (lenientLength > 3 * length && lenientLength - length > SHORT));
        return better ? lenient.text() : careful.text();
    }

    /** The text found, and whether any of the page's lines looked like prose. */
    private record Reading(String text, boolean prose) {
    }

    private static Reading read(Element body, String title, Set<Element> removed, Map<Element, Integer> prose) {
        List<Line> lines = new ArrayList<>();
        new LineCutter(lines, removed, prose).walk(body, body);
        if (lines.isEmpty()) return new Reading("", false);
        Map<Element, Double> good = new IdentityHashMap<>();
        Set<Element> owners = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        double[] weights = new double[lines.size()];
        Map<Element, Double> all = new IdentityHashMap<>();
        Map<Element, Integer> goodLines = new IdentityHashMap<>(), linkLines = new IdentityHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            weights[i] = weight(lines.get(i));
            double length = effectiveLength(lines.get(i).text());
            for (Element e = lines.get(i).owner(); e != null; e = e == body ? null : e.parent()) {
                all.merge(e, length, Double::sum);
                if (lines.get(i).linkDensity() > 0.5) linkLines.merge(e, 1, Integer::sum);
                if (weights[i] > 0) goodLines.merge(e, 1, Integer::sum);
            }
        }
        for (int i = 0; i < lines.size(); i++) {
            if (weights[i] == 0) continue;
            owners.add(lines.get(i).owner());
            double counted = teaser(lines.get(i).owner(), body, goodLines, linkLines) ? TEASER * weights[i] : weights[i];
            for (Element e = lines.get(i).owner(); e != null; e = e == body ? null : e.parent()) good.merge(e, counted, Double::sum);
        }
        if (good.getOrDefault(body, 0.0) == 0) return new Reading(join(lines, 0, lines.size(), title, body), false);
        Element article = body;
        while (true) {
            Element best = null;
            double bestGood = 0;
            for (Element child : article.children()) {
                double g = good.getOrDefault(child, 0.0);
                if (g > bestGood) {
                    best = child;
                    bestGood = g;
                }
            }
            if (best == null) break;
            double here = good.getOrDefault(article, 0.0);
            if (bestGood < HOLDS_NEARLY_ALL * here && !(bestGood >= DENSE_PART * here && denser(best, article, good, all))) break;
            // a paragraph itself is never the article: its short neighbours belong to the text too; a block
            // that holds text lines of its own between <br>s, and blocks with text of their own, may be
            if (owners.contains(best) && (PARAGRAPHS.contains(best.normalName()) || !hasGoodChild(best, good))) break;
            article = best;
        }
        int first = -1, last = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (weights[i] > 0 && within(lines.get(i).owner(), article)) {
                if (first < 0) first = i;
                last = i;
            }
        }
        // keep the short lines after the last good one while they still look like text (sub-headings, sign-offs)
        int end = last + 1;
        while (end < lines.size() && within(lines.get(end).owner(), article) && trailingText(lines.get(end))) end++;
        end = endOfText(lines, weights, first, end, article);
        int start = first;
        while (start > 0 && within(lines.get(start - 1).owner(), article) && !dateOrByline(lines.get(start - 1))) start--;
        String text = join(lines, start, end, title, article);
        String lead = standfirst(lines, weights, start, article, title);
        if (lead.isEmpty() && article != body) lead = proseBefore(lines, weights, body, article, good, all, linkLines, title);
        return new Reading(lead.isEmpty() ? text : lead + "\n" + text, true);
    }

    /**
     * The blocks just before the article, beside it under the same parent (or the parent's, when the
     * article comes first in it), that are prose through and through (an introduction, a note above the
     * text): the article was looked for in the child holding most of the text, and such a block is its
     * beginning. The first block before it that is not prose ends the search.
     */
    private static String proseBefore(List<Line> lines, double[] weights, Element body, Element article, Map<Element, Double> good,
                                      Map<Element, Double> all, Map<Element, Integer> linkLines, String title) {
        List<Element> taken = new ArrayList<>();
        // the article may be the first thing in its wrapper: then the wrapper's neighbours are its neighbours
        Element anchor = article;
        while (anchor.parent() != null && anchor.parent() != body && !textBefore(anchor, all)) anchor = anchor.parent();
        for (Element sibling = anchor.previousElementSibling(); sibling != null && taken.size() < 3;
             sibling = sibling.previousElementSibling()) {
            double g = good.getOrDefault(sibling, 0.0), a = all.getOrDefault(sibling, 0.0);
            if (g == 0) {
                if (a > 0 && !HEADINGS.contains(sibling.normalName())) break;
                continue;
            }
            if (g < PROSE_SHARE * a || linkLines.getOrDefault(sibling, 0) > 0) break;
            taken.add(sibling);
        }
        if (taken.isEmpty()) return "";
        String normalisedTitle = normalised(title);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            boolean in = false;
            for (Element e : taken) in |= within(line.owner(), e);
            // the block's own headings and date lines are not the article's beginning
            if (!in || line.heading() || line.text().length() < 3 || dateOrByline(line) || !keep(line, normalisedTitle)) continue;
            // nor the headline set in a plain block, which the page's title holds with the site's name
            if (line.text().length() >= 8 && normalisedTitle.contains(line.text().toLowerCase(Locale.ROOT))) continue;
            // a short line counts when it ends a sentence or is an item of a list, and so does a line of
            // Chinese or Japanese, whose length alone does not tell a paragraph from a headline
            boolean sentenceLike = endsSentence(line.text()) || LIST_ITEMS.contains(line.owner().normalName());
            if (!sentenceLike && (weights[i] == 0 || effectiveLength(line.text()) > 2 * line.text().length())) continue;
            if (!out.isEmpty()) out.append('\n');
            out.append(line.text());
        }
        return out.toString();
    }

    private static boolean textBefore(Element e, Map<Element, Double> all) {
        for (Element sibling = e.previousElementSibling(); sibling != null; sibling = sibling.previousElementSibling()) {
            if (all.getOrDefault(sibling, 0.0) > 0) return true;
        }
        return false;
    }

    /** The share of a block's text that must be good lines for the block to be prose through and through. */
    private static final double PROSE_SHARE = 0.8;

    /**
     * Where the article's text ends: at a label that opens what follows it ("Related", "Mehr zum Thema",
     * "Lire aussi", "延伸閱讀") once most of the text is behind it; what comes after such a label is
     * other stories, whatever it looks like.
     */
    private static int endOfText(List<Line> lines, double[] weights, int first, int end, Element article) {
        double total = 0;
        for (int i = first; i < end; i++) if (within(lines.get(i).owner(), article)) total += weights[i];
        double seen = 0;
        for (int i = first; i < end; i++) {
            Line line = lines.get(i);
            if (!within(line.owner(), article)) continue;
            if (line.text().length() <= 60) {
                if (seen >= MOSTLY_ABOVE * total && FURTHER_READING.matcher(line.text()).matches()) return i;
                if (seen >= SOME_ABOVE * total && AFTER_THE_TEXT.matcher(line.text()).matches()) return i;
            }
            seen += weights[i];
        }
        return end;
    }

    /** How many lines above the article are looked at for its headline. */
    private static final int STANDFIRST_REACH = 8;

    /**
     * The standfirst: prose that sits between the headline and the article's first line but outside the
     * block chosen as the article (many layouts put the lead paragraph beside the headline, in the page
     * header, and the rest of the text in a body block). Only prose lines count, and only when the
     * headline is found a few lines above the article; otherwise there is no standfirst.
     */
    private static String standfirst(List<Line> lines, double[] weights, int start, Element article, String title) {
        String normalisedTitle = normalised(title);
        List<String> lead = new ArrayList<>();
        for (int i = start - 1, seen = 0; i >= 0 && seen < STANDFIRST_REACH; i--, seen++) {
            Line line = lines.get(i);
            if (within(line.owner(), article)) continue;
            if (line.heading()) {
                boolean headline = line.owner().normalName().equals("h1")
                        || !normalisedTitle.isEmpty() && line.text().toLowerCase(Locale.ROOT).equals(normalisedTitle);
                if (!headline) return "";
                java.util.Collections.reverse(lead);
                return String.join("\n", lead);
            }
            if (weights[i] > 0 && line.linkDensity() < 0.1 && !dateOrByline(line)) lead.add(line.text());
        }
        return "";
    }

    /**
     * True when the only good line of a block shares it with a link: a teaser with its linked title. An
     * article's paragraphs share their block with other paragraphs, or with a heading that is no link.
     */
    private static boolean teaser(Element owner, Element body, Map<Element, Integer> goodLines, Map<Element, Integer> linkLines) {
        Element unit = owner;
        while (unit != body && unit.parent() != null && goodLines.getOrDefault(unit.parent(), 0) == 1) unit = unit.parent();
        return goodLines.getOrDefault(unit, 0) == 1 && linkLines.getOrDefault(unit, 0) > 0;
    }

    private static boolean hasGoodChild(Element e, Map<Element, Double> good) {
        for (Element child : e.children()) if (good.containsKey(child)) return true;
        return false;
    }

    /**
     * True when {@code part} is nearly all prose while the rest of {@code whole} is prose interleaved
     * with short lines: a run of paragraphs beside a list of teasers, each with its date and by-line.
     */
    private static boolean denser(Element part, Element whole, Map<Element, Double> good, Map<Element, Double> all) {
        double partGood = good.getOrDefault(part, 0.0), partAll = all.getOrDefault(part, 0.0);
        double restGood = good.getOrDefault(whole, 0.0) - partGood, restAll = all.getOrDefault(whole, 0.0) - partAll;
        return partAll > 0 && restAll > 0 && partGood / partAll >= 0.8 && restGood / restAll < 0.6;
    }

    /** The lines above an article that are not its text: the by-line and the date line. */
    private static boolean dateOrByline(Line line) {
        String text = line.text();
        if (text.length() > 100) return false;
        return BYLINE.matcher(text).lookingAt() || Dates.parse(text) != null;
    }

    /** The headline, alone or followed by the site's name as the page's title bar shows it ("Headline | Site"). */
    private static boolean headline(String lowerCaseText, String normalisedTitle) {
        if (normalisedTitle.isEmpty() || !lowerCaseText.startsWith(normalisedTitle)) return false;
        if (lowerCaseText.length() == normalisedTitle.length()) return true;
        String rest = lowerCaseText.substring(normalisedTitle.length()).stripLeading();
        return !rest.isEmpty() && "|-–—_·".indexOf(rest.charAt(0)) >= 0 && rest.length() < 80;
    }

    /** Words that join the names of a by-line. */
    private static final Set<String> NAME_JOINERS = Set.of("and", "und", "et", "y", "e", "i", "og", "en", "&", "de", "da",
            "di", "van", "von", "der", "den", "du", "la", "le", "del", "dos");

    /**
     * A short line that names the writers: a by-word and then only names ("By Nada Tawfik, BBC News",
     * "von Josef Kastner und Imke Schlömer"), not a sub-heading that starts with the same word ("Von Kopf
     * bis Fuß"); in Chinese the reporter's mark ("記者王小明／台北報導").
     */
    private static boolean byline(String text) {
        if (text.length() >= 60 || endsSentence(text) || text.endsWith(",")) return false;
        var m = BYLINE.matcher(text);
        if (!m.lookingAt()) return false;
        if (!Character.isLetter(text.charAt(0)) || Character.UnicodeScript.of(text.codePointAt(0)) == Character.UnicodeScript.HAN) return true;
        String[] words = text.substring(m.end()).split("[\\s,]+");
        if (words.length > 8) return false;
        for (String word : words) {
            if (word.isEmpty() || NAME_JOINERS.contains(word)) continue;
            if (!Character.isUpperCase(word.codePointAt(0))) return false;
        }
        return true;
    }

    private static boolean trailingText(Line line) {
        return line.linkDensity() < 0.5 && !line.heading() && endsSentence(line.text());
    }

    private static boolean endsSentence(String text) {
        if (text.isEmpty()) return false;
        char c = text.charAt(text.length() - 1);
        return ".!?。！？\"”'’)）:".indexOf(c) >= 0;
    }

    /** The title as lines are compared with it: spaces collapsed, lower case; empty when there is none. */
    private static String normalised(String title) {
        return title == null ? "" : SPACE.matcher(title).replaceAll(" ").strip().toLowerCase(Locale.ROOT);
    }

    private static String join(List<Line> lines, int from, int to, String title, Element article) {
        String normalisedTitle = normalised(title);
        StringBuilder out = new StringBuilder();
        for (int i = from; i < to; i++) {
            Line line = lines.get(i);
            if (!within(line.owner(), article)) continue;
            if (keep(line, normalisedTitle)) {
                if (!out.isEmpty()) out.append('\n');
                out.append(line.text());
            }
        }
        return out.toString();
    }

    private static boolean keep(Line line, String normalisedTitle) {
        String text = line.text();
        // a long line may hold a few links; one that is nearly all links is a tag cloud or a link list
        if (line.linkDensity() > 0.5 && (text.length() < 400 || line.linkDensity() > 0.75)) return false;
        if (headline(text.toLowerCase(Locale.ROOT), normalisedTitle)) return false;
        // a by-line between the standfirst and the text ("By Anna Weber", "記者王小明／台北報導")
        if (byline(text)) return false;
        return text.length() > 60 || !LABEL.matcher(text).matches();
    }

    /** The length of a line that counts as article text: long enough, few links, and not a heading. */
    private static double weight(Line line) {
        if (line.heading()) return 0;
        double density = line.linkDensity();
        if (density > 0.33) return 0;
        int length = effectiveLength(line.text());
        if (length < 50 && !(length >= 30 && endsSentence(line.text()))) return 0;
        return length * (1 - density);
    }

    /** Length in Latin-letter equivalents: a Han or kana character carries about as much as three letters. */
    static int effectiveLength(String text) {
        int length = 0;
        for (int i = 0; i < text.length(); i++) length += text.charAt(i) >= 0x2E80 && text.charAt(i) < 0xFF00 ? 3 : 1;
        return length;
    }

    private static boolean within(Element e, Element ancestor) {
        for (Element a = e; a != null; a = a.parent()) if (a == ancestor) return true;
        return false;
    }

    /**
     * Finds what is never article text; names that lie are caught by how much paragraph text they hold.
     * The first set is what a careful reading leaves out; the second leaves out only what the tags, the
     * hidden attributes and comment names say, for pages whose names mislead (a whole article in a block
     * named "paywall" or "share", a page builder naming every block a "widget").
     */
    private static List<Set<Element>> prune(Element body, Map<Element, Integer> paragraphText) {
        int total = plainText(body, paragraphText);
        Map<Element, Boolean> embeds = embeddedPosts(body);
        Set<Element> strict = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        Set<Element> lenient = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (Element e : body.getAllElements()) {
            if (e == body) continue;
            String tag = e.normalName();
            if (DROPPED.contains(tag)) {
                strict.add(e);
                lenient.add(e);
                continue;
            }
            int share = paragraphText.getOrDefault(e, 0);
            if (GUARDED.contains(tag) && share < 0.3 * total) {
                strict.add(e);
                lenient.add(e);
                continue;
            }
            if (e.hasAttr("hidden") || "true".equals(e.attr("aria-hidden"))
                    || (e.hasAttr("style") && DISPLAY_NONE.matcher(e.attr("style").toLowerCase(Locale.ROOT)).find())) {
                if (share < 0.5 * total) {
                    strict.add(e);
                    lenient.add(e);
                }
                continue;
            }
            if (!e.hasAttr("class") && !e.hasAttr("id")) continue;
            int kind = BlockNames.of(e.className(), e.id());
            // an embedded post is quoted in the text, whatever the widget around it is called
            if (kind != BlockNames.PLAIN && kind != BlockNames.COMMENTS && embeds.containsKey(e)) continue;
            if (kind == BlockNames.COMMENTS && (share < 0.6 * total || !holdsHeadline(e))) {
                strict.add(e);
                lenient.add(e);
            } else if (kind == BlockNames.BOILERPLATE && share < 0.6 * total && !muchOfTheDeclaredBody(e, share, paragraphText)) {
                strict.add(e);
            } else if (kind == BlockNames.FURNITURE && share < 0.3 * total && !(share >= 200 && inParagraph(e))) {
                // a long run of a paragraph is its text, whatever generated names its spans carry
                strict.add(e);
            }
        }
        return List.of(strict, lenient);
    }

    /**
     * True for a link; an anchor around a whole article is not one: an unclosed {@code <a>} in broken
     * markup swallows everything after it.
     */
    private static boolean isLink(Element e, int textLength) {
        return e.normalName().equals("a") && textLength < LONGEST_LINK;
    }

    /**
     * True for a block inside the element the page declares as the article's body that holds much of that
     * body's prose: the rest of a story that the page marks "paywall" for its script to hide.
     */
    private static boolean muchOfTheDeclaredBody(Element e, int share, Map<Element, Integer> paragraphText) {
        for (Element a = e.parent(); a != null; a = a.parent()) {
            if (a.attr("itemprop").equalsIgnoreCase("articleBody")) return share >= 0.3 * paragraphText.getOrDefault(a, 0);
        }
        return false;
    }

    /** The classes of the quoted posts that social networks' embed codes write. */
    private static final String EMBEDDED_POST = "blockquote.twitter-tweet, blockquote.instagram-media, blockquote.tiktok-embed, "
            + "blockquote.reddit-embed-bq, blockquote.threads-post, blockquote.bluesky-embed, blockquote.mastodon-embed";

    /** The blocks around each post quoted from a social network, up to the paragraph's level (three above it). */
    private static Map<Element, Boolean> embeddedPosts(Element body) {
        Map<Element, Boolean> around = new IdentityHashMap<>();
        for (Element post : body.select(EMBEDDED_POST)) {
            Element e = post;
            for (int up = 0; up < 4 && e != null && e != body; up++, e = e.parent()) around.put(e, Boolean.TRUE);
        }
        return around;
    }

    private static boolean inParagraph(Element e) {
        return e.parent() != null && e.parent().normalName().equals("p") && !BLOCKS.contains(e.normalName());
    }

    /**
     * A block named for comments holds most of the prose when the comments outweigh the article; it is
     * the article's wrapper only when the headline is inside it too.
     */
    private static boolean holdsHeadline(Element e) {
        return e.selectFirst("h1, article, [itemprop=articleBody]") != null;
    }

    /**
     * The length of the text outside links under {@code e}, recorded for every element: the measure of
     * how much of the page's prose a block holds.
     */
    private static int plainText(Element e, Map<Element, Integer> lengths) {
        int length = 0;
        for (int i = 0; i < e.childNodeSize(); i++) {
            Node child = e.childNode(i);
            if (child instanceof TextNode t) length += effectiveLength(t.getWholeText().strip());
            else if (child instanceof Element c && !DROPPED.contains(c.normalName())) {
                int inner = plainText(c, lengths);
                if (!isLink(c, inner)) length += inner;
            }
        }
        lengths.put(e, length);
        return length;
    }

    /** Cuts a subtree into lines at block boundaries and line breaks, counting link text. */
    private static final class LineCutter {
        private final List<Line> lines;
        private final StringBuilder text = new StringBuilder();
        private int linkChars;
        private int linkDepth;
        private int headingDepth;
        private boolean headingText;

        private final Set<Element> removed;
        private final Map<Element, Integer> prose;

        LineCutter(List<Line> lines, Set<Element> removed, Map<Element, Integer> prose) {
            this.lines = lines;
            this.removed = removed;
            this.prose = prose;
        }

        void walk(Node node, Element block) {
            if (node instanceof TextNode t) {
                String s = t.getWholeText();
                int before = text.length();
                appendCollapsed(s);
                if (linkDepth > 0) linkChars += text.length() - before;
                if (headingDepth > 0 && text.length() > before) headingText = true;
                return;
            }
            if (!(node instanceof Element e) || removed.contains(e)) return;
            String tag = e.normalName();
            if (tag.equals("br")) {
                flush(block);
                return;
            }
            boolean isBlock = BLOCKS.contains(tag);
            boolean heading = HEADINGS.contains(tag);
            boolean link = isLink(e, prose.getOrDefault(e, 0));
            if (isBlock) flush(block);
            if (link) linkDepth++;
            if (heading) headingDepth++;
            Element owner = isBlock ? e : block;
            for (int i = 0; i < e.childNodeSize(); i++) walk(e.childNode(i), owner);
            if (link) linkDepth--;
            if (heading) headingDepth--;
            if (isBlock) flush(e);
        }

        private void appendCollapsed(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (Character.isWhitespace(c) || c == '\u00a0' || c == '\u200b') {
                    if (!text.isEmpty() && text.charAt(text.length() - 1) != ' ') text.append(' ');
                } else {
                    text.append(c);
                }
            }
        }

        private void flush(Element owner) {
            int start = 0, end = text.length();
            while (start < end && text.charAt(start) == ' ') start++;
            while (end > start && text.charAt(end - 1) == ' ') end--;
            if (end > start) {
                String line = text.substring(start, end);
                lines.add(new Line(owner, line, Math.min(linkChars, line.length()), headingText || headingDepth > 0));
            }
            text.setLength(0);
            linkChars = 0;
            headingText = false;
        }
    }
}
