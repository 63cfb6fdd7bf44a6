package org.mediamonitor.crawler;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ExtractorTest {
    private final Extractor extractor = new Extractor();

    private Article extract(String html) {
        return extractor.extract(html.getBytes(StandardCharsets.UTF_8), "https://news.example/world/story", null);
    }

    @Test
    void jsonLdBodyAndMetadataWinOverThePage() {
        Article a = extract("""
                <html><head><title>Page title</title>
                <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite"},
                 {"@type":"NewsArticle","headline":"Taiwan hosts summit","articleBody":"First paragraph.\\nSecond paragraph.",
                  "datePublished":"2019-05-02T08:00:00Z","author":[{"@type":"Person","name":"Lee Mei"}],
                  "publisher":{"name":"The Herald"}}]}</script></head>
                <body><p>Teaser only.</p></body></html>""");
        assertEquals("Taiwan hosts summit", a.title());
        assertEquals("First paragraph.\nSecond paragraph.", a.text());
        assertEquals("2019-05-02T08:00Z", a.published().toString());
        assertEquals("Lee Mei", a.author());
        assertEquals("The Herald", a.siteName());
    }

    @Test
    void withoutMetadataTheLargestParagraphBlockIsTheArticleAndCommentsAreLeftOut() {
        Article a = extract("""
                <html><body><nav><p>Home</p><p>World</p></nav>
                <div class="story"><h1>Headline here</h1><p>The article's first paragraph is long enough to win.</p>
                <p>Its second paragraph.</p></div>
                <div class="comments"><p>Reader comment one that is quite long and opinionated and should go.</p>
                <p>Reader comment two that is quite long and opinionated and should also go away.</p>
                <p>Reader comment three.</p></div></body></html>""");
        assertEquals("Headline here", a.title());
        assertEquals("The article's first paragraph is long enough to win.\nIts second paragraph.", a.text());
        assertNull(a.published());
    }

    @Test
    void rocEraDateIsReadInTaipeiTime() {
        Article a = extract("<html><body><article><h1>標題</h1><span class=date>中華民國107年3月23日 10:05</span>"
                + "<time datetime='107年3月23日 10:05'></time><p>臺灣的新聞內容。</p></article></body></html>");
        assertEquals("2018-03-23T10:05+08:00", a.published().toString());
    }

    @Test
    void aDeclaredCharsetDecodesBig5AndTheScriptGivesTheLanguage() {
        String html = "<html><head><meta charset=big5><title>臺灣經濟</title></head><body><article>"
                + "<p>行政院今天宣布新的經濟政策，兩岸關係備受關注。</p></article></body></html>";
        Article a = extractor.extract(html.getBytes(Charset.forName("Big5")), "https://tw.example/a", null);
        assertEquals("行政院今天宣布新的經濟政策，兩岸關係備受關注。", a.text());
        assertEquals("zh-Hant", a.language());
        byte[] gbk = "<html><body><p>台湾当局宣布新的经济政策，两岸关系备受关注。</p></body></html>".getBytes(Charset.forName("GBK"));
        Article b = extractor.extract(gbk, "https://cn.example/a", "text/html; charset=GBK");
        assertEquals("台湾当局宣布新的经济政策，两岸关系备受关注。", b.text());
        assertEquals("zh-Hans", b.language());
    }

    @Test
    void datesInTheFutureOrBefore1990AreRefusedAndTheUrlDateIsTheLastResort() {
        assertNull(Dates.parse("2999-01-01T00:00:00Z"));
        assertNull(Dates.parse("1985-06-01"));
        Article a = extractor.extract("<html><body><p>Text.</p></body></html>".getBytes(StandardCharsets.UTF_8),
                "https://news.example/2017/11/05/story", null);
        assertEquals("2017-11-05T00:00+08:00", a.published().toString());
    }
}
