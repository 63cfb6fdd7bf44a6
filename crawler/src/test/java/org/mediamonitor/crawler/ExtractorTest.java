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

    @Test
    void aBig5PageWithoutAnyCharsetDeclarationIsDetected() {
        String html = "<html><head><title>兩岸關係</title></head><body><div class=menu><a href=/>首頁</a> <a href=/p>政治</a></div>"
                + "<div class=content><p>行政院今天召開記者會，說明政府對兩岸關係的最新立場，並強調臺灣的民主制度不容改變。</p>"
                + "<p>發言人表示，國際社會對臺灣海峽的和平與穩定高度關注，政府將持續與理念相近的國家合作。</p>"
                + "<p>學者認為，這項政策宣示反映了當前區域情勢的變化，也顯示政府希望在經濟與安全之間取得平衡。</p></div></body></html>";
        Article a = extractor.extract(html.getBytes(Charset.forName("Big5")), "https://tw.example/news/1", null);
        assertTrue(a.text().startsWith("行政院今天召開記者會"), a.text());
        assertTrue(a.text().endsWith("取得平衡。"), a.text());
        assertFalse(a.text().contains("首頁"));
        assertEquals("zh-Hant", a.language());
    }

    @Test
    void gbkAndShiftJisAndUtf8PagesWithoutDeclarationAreDecoded() {
        String zh = "<html><body><p>国务院台湾事务办公室今天举行例行新闻发布会，发言人回答了记者关于两岸经贸合作的提问。</p>"
                + "<p>发言人说，大陆方面将继续推动两岸经济交流，欢迎台湾同胞来大陆投资兴业。</p></body></html>";
        Article gbk = extractor.extract(zh.getBytes(Charset.forName("GBK")), "https://cn.example/a", null);
        assertTrue(gbk.text().startsWith("国务院台湾事务办公室今天举行"), gbk.text());
        assertEquals("zh-Hans", gbk.language());
        String ja = "<html><body><p>台湾の総統府は本日、日本との経済協力を強化する方針を発表しました。関係者によると、半導体分野での協力が中心となる見通しです。</p>"
                + "<p>専門家は、この動きが地域の安定に寄与すると評価しています。</p></body></html>";
        Article sjis = extractor.extract(ja.getBytes(Charset.forName("Shift_JIS")), "https://jp.example/a", null);
        assertTrue(sjis.text().startsWith("台湾の総統府は本日"), sjis.text());
        assertEquals("ja", sjis.language());
        Article utf8 = extractor.extract(zh.getBytes(StandardCharsets.UTF_8), "https://cn.example/a", null);
        assertEquals(gbk.text(), utf8.text());
    }

    @Test
    void theHttpHeaderCharsetWinsOverAWrongMetaDeclaration() {
        String html = "<html><head><meta charset=utf-8></head><body><p>台灣的新聞內容很長，足以成為一個段落，並且說明了事情的經過。</p></body></html>";
        Article a = extractor.extract(html.getBytes(Charset.forName("Big5")), "https://tw.example/a", "text/html; charset=big5");
        assertEquals("台灣的新聞內容很長，足以成為一個段落，並且說明了事情的經過。", a.text());
    }

    @Test
    void boilerplateAroundTheArticleIsLeftOutAndEveryParagraphKept() {
        Article a = extract("""
                <html><head><title>Ministers meet | The Daily</title></head><body>
                <div id="cookie-banner"><p>We use cookies to improve your experience on our website. By browsing you agree.</p></div>
                <header><a href="/">The Daily</a><ul class="menu"><li><a href="/world">World</a></li><li><a href="/asia">Asia</a></li></ul></header>
                <main><article><h1>Ministers meet in Taipei</h1><div class="byline">By Ann Wu, 3 May 2021</div>
                <div class="share-bar"><a href="#">Facebook</a> <a href="#">Twitter</a></div>
                <div class="article-body"><p>Trade ministers from five countries met in Taipei on Monday to discuss chip supply chains.</p>
                <p>The talks, the first of their kind, ended with a joint statement on export controls.</p>
                <h2>What comes next</h2>
                <p>Officials said a second round would follow in the autumn, possibly in Tokyo.</p>
                <p>Read more: <a href="/x">Chip makers expand in Arizona and Kumamoto as demand grows</a></p></div>
                <div class="related-stories"><h3>Related</h3><ul><li><a href="/a">Taiwan's exports rise for the ninth month in a row</a></li>
                <li><a href="/b">Opinion: what the chip war means for Europe and for the rest of the world</a></li></ul></div>
                </article></main><footer><p>Copyright The Daily 2021. All rights reserved. Contact us for licensing of this article.</p></footer>
                </body></html>""");
        assertEquals("""
                Trade ministers from five countries met in Taipei on Monday to discuss chip supply chains.
                The talks, the first of their kind, ended with a joint statement on export controls.
                What comes next
                Officials said a second round would follow in the autumn, possibly in Tokyo.""", a.text());
        assertEquals("en", a.language());
        assertEquals("2021-05-03T00:00+08:00", a.published().toString());
    }

    @Test
    void aLiveBlogKeepsEveryPostAndLeavesTheSidebarOut() {
        Article a = extract("""
                <html><body><div class="layout"><div class="live-blog">
                <div class="post"><time>10:05</time><p>Polls have opened across the island and queues are already long in Taipei.</p></div>
                <div class="post"><time>11:30</time><p>The central election commission reports turnout above forty percent by midday.</p></div>
                <div class="post"><time>13:10</time><p>Both main candidates have cast their ballots and urged supporters to vote early.</p>
                <p>Observers from twelve countries are watching the count this year.</p></div>
                <div class="post"><time>16:00</time><p>Polling stations have closed and counting has begun in every district.</p></div>
                </div><div class="sidebar"><p>Most read: a long list of unrelated stories that readers clicked on today.</p></div></div></body></html>""");
        for (String sentence : new String[] {"Polls have opened", "turnout above forty percent", "cast their ballots",
                "Observers from twelve countries", "counting has begun"}) {
            assertTrue(a.text().contains(sentence), sentence + " missing from: " + a.text());
        }
        assertFalse(a.text().contains("Most read"));
    }

    @Test
    void aLiveBlogDeclaredInJsonLdGivesItsPosts() {
        Article a = extract("""
                <html><head><script type="application/ld+json">{"@context":"https://schema.org","@type":"LiveBlogPosting",
                "headline":"Election day live","liveBlogUpdate":[
                {"@type":"BlogPosting","headline":"Counting begins","articleBody":"Polling stations have closed across the island and counting has begun."},
                {"@type":"BlogPosting","headline":"Turnout","articleBody":"Turnout passed forty percent by midday, the commission said in a statement."}]}
                </script></head><body><p>Loading the live coverage…</p></body></html>""");
        assertEquals("Election day live", a.title());
        assertTrue(a.text().contains("counting has begun") && a.text().contains("Turnout passed forty percent"), a.text());
    }

    @Test
    void aPaywallStubGivesOnlyTheFreeParagraphs() {
        Article a = extract("""
                <html><body><article><h1>Chip talks stall</h1>
                <div class="article-body"><p>Negotiations over a semiconductor agreement stalled on Friday, officials in Taipei said.</p>
                <p>The two sides disagree over export licences for advanced equipment and over tariffs.</p></div>
                <div class="paywall"><p>Subscribe to continue reading. Get unlimited access to all our journalism for one dollar a week.</p>
                <a href="/subscribe">Subscribe now</a> <a href="/login">Log in</a></div></article></body></html>""");
        assertEquals("""
                Negotiations over a semiconductor agreement stalled on Friday, officials in Taipei said.
                The two sides disagree over export licences for advanced equipment and over tariffs.""", a.text());
    }

    @Test
    void chineseAndEnglishDateFormsAreRead() {
        assertEquals("2018-03-23T10:05+08:00", Dates.parse("2018-03-23 10:05").toString());
        assertEquals("2018-03-23T00:00+08:00", Dates.parse("2018年3月23日").toString());
        assertEquals("2018-03-23T00:00+08:00", Dates.parse("107年3月23日").toString());
        assertEquals("2019-11-19T00:00+08:00", Dates.parse("Published Tuesday November 19, 2019").toString());
        assertEquals("2008-06-03T11:05:30Z", Dates.parse("Tue, 3 Jun 2008 11:05:30 GMT").toString());
        assertNull(Dates.parse("no date here"));
    }

    @Test
    void theLanguageOfLatinTextIsDetectedNotTakenFromTheDeclaration() {
        assertEquals("de", Languages.detect("Die Regierung in Taipeh hat am Montag neue Maßnahmen zur Stärkung der Wirtschaft angekündigt.", "en"));
        assertEquals("fr", Languages.detect("Le gouvernement de Taïwan a annoncé lundi de nouvelles mesures pour soutenir l'économie.", null));
        assertEquals("en", Languages.detect("The government in Taipei announced new measures to support the economy on Monday.", "de"));
    }

    @Test
    void aPostNamedForItsTagsAndPaywallIsStillTheArticle() {
        Article a = extract("""
                <html><body><div class="post tag-social-media category-comments has-paywall node--promoted">
                <h1>Island votes</h1><p>Voters across the island went to the polls on Saturday in large numbers.</p>
                <p>Turnout was higher than at the last election, the commission said in the evening.</p></div>
                <div class="comments"><p>I queued for an hour at my polling station and it was worth every minute of it.</p>
                <p>The commission should open more stations in the suburbs next time, the queues were far too long.</p></div>
                </body></html>""");
        assertEquals("""
                Voters across the island went to the polls on Saturday in large numbers.
                Turnout was higher than at the last election, the commission said in the evening.""", a.text());
    }

    @Test
    void aListOfTeasersLongerThanTheArticleIsNotTakenForIt() {
        StringBuilder teasers = new StringBuilder("<div class=\"more\"><h2>More from us</h2><ul>");
        for (int i = 1; i <= 6; i++) {
            teasers.append("<li><div class=\"card\"><a href=\"/story/").append(i).append("\">Headline of another story number ")
                    .append(i).append("</a><div>Jane Roe</div><div>Monday November ").append(i).append(", 2019</div>")
                    .append("<div>A summary of another story that runs for a couple of sentences, long enough to look like ")
                    .append("a paragraph of prose. It ends with a full stop like any sentence would.</div></div></li>");
        }
        Article a = extract("<html><body><main><article><h1>Port reopens</h1><div class=\"body\">"
                + "<p>The port of Kaohsiung reopened on Tuesday after a typhoon closed it for three days.</p>"
                + "<p>Shipping companies said the backlog of containers would be cleared by the end of the week.</p>"
                + "<p>Harbour officials added that the damage to the cranes was lighter than they had feared on Sunday.</p>"
                + "</div></article></main>" + teasers + "</ul></div></body></html>");
        assertEquals("""
                The port of Kaohsiung reopened on Tuesday after a typhoon closed it for three days.
                Shipping companies said the backlog of containers would be cleared by the end of the week.
                Harbour officials added that the damage to the cranes was lighter than they had feared on Sunday.""", a.text());
    }

    @Test
    void anArticleInABlockNamedLikeBoilerplateIsFoundWhenNothingElseIs() {
        Article a = extract("""
                <html><body><div class="menu"><a href="/">Home</a> <a href="/news">News</a></div>
                <div class="elementor-widget share-container"><h1>Harbour festival</h1>
                <p>The harbour festival opens on Friday with music, food stalls and a parade of boats along the quay.</p>
                <p>Organisers expect more visitors than last year because the weather forecast is good for the weekend.</p>
                <p>Tickets for the evening concerts are sold at the town hall and online until Thursday night.</p></div>
                <footer><p>Harbour Town Council</p><p>1 Quay Street, Harbour Town</p><p>Open Monday to Friday, 9 to 5</p>
                <p>Telephone 01234 567 890</p><p>Registered charity number 1234567</p><p>All rights reserved</p>
                <p>Harbour Town Tourist Office</p><p>2 Market Square, Harbour Town</p><p>Open daily from 10 to 4</p>
                <p>Telephone 01234 567 891</p><p>Accessibility statement</p><p>Privacy and cookies</p></footer>
                </body></html>""");
        assertTrue(a.text().startsWith("The harbour festival opens on Friday"), a.text());
        assertTrue(a.text().endsWith("until Thursday night."), a.text());
    }

    @Test
    void theStandfirstBesideTheHeadlineIsPartOfTheTextButNotTheByline() {
        String body = """
                <p>The council approved the plan on Monday after a debate that lasted most of the afternoon.</p>
                <p>Residents of the affected streets will be able to comment on the new names until the end of June.</p>
                <p>The first signs are expected to go up in the autumn, the council's spokesman said afterwards.</p>""";
        Article a = extract("<html><body><div class=page><div class=head><h1>Streets to be renamed</h1>"
                + "<p class=intro>The city has launched a five-year project to rename streets that honour colonial rulers.</p>"
                + "<p class=author>By Anna Weber</p><div class=sharing-bar><a href=/share>Share</a></div></div>"
                + "<div class=body>" + body + "</div></div></body></html>");
        assertTrue(a.text().startsWith("The city has launched a five-year project to rename streets"), a.text());
        assertTrue(a.text().endsWith("the council's spokesman said afterwards."), a.text());
        assertFalse(a.text().contains("Anna Weber"), a.text());

        // prose above the article under a heading that is not the headline is a teaser, not a standfirst
        Article teaser = extract("<html><body><div class=page><div class=promo><h3>Also today</h3>"
                + "<p>A long summary of another story that happens to sit just above this article on the page.</p></div>"
                + "<div class=body><h1>Streets to be renamed</h1>" + body + "</div></div></body></html>");
        assertTrue(teaser.text().startsWith("The council approved the plan on Monday"), teaser.text());
    }

    @Test
    void aListOfReadersCommentsIsLeftOutEvenWhenItOutweighsAShortOpinionPiece() {
        StringBuilder comments = new StringBuilder("<div class=\"sect sect_commentlinks\"><ul>");
        for (int i = 0; i < 12; i++) {
            comments.append("<li><p>Reader ").append(i).append(" thinks the columnist has it exactly backwards, and explains why ")
                    .append("at considerable length in this reply, which is much longer than a usual comment.</p></li>");
        }
        Article a = extract("<html><body><div class=\"sect news subjective commentary\"><h1>The minister's mistake</h1>"
                + "<p>The minister chose the one moment when everyone was watching to announce the opposite of what he had promised.</p>"
                + "<p>That is not a strategy; it is a misjudgement, and the party will pay for it at the next election.</p></div>"
                + comments + "</ul></div></body></html>");
        assertTrue(a.text().startsWith("The minister chose the one moment"), a.text());
        assertFalse(a.text().contains("Reader"), a.text());
    }

    @Test
    void theTextEndsAtAHeadingOverOtherStoriesButNotAtAnInlineReadAlso() {
        Article a = extract("<html><body><div class=story><h1>兩岸航線復航</h1>"
                + "<p>交通部今天宣布，兩岸客運航線將在下個月逐步恢復，首批航點包括上海、廈門與福州，業者預計班次將逐月增加。</p>"
                + "<p>延伸閱讀：</p><p><a href=/a/1>航空公司公布新航班</a></p>"
                + "<p>陸委會表示，復航細節仍須雙方協商，政府將以旅客安全與國家安全為優先考量，並持續與業者保持聯繫。</p>"
                + "<p>旅遊業者則樂觀看待復航消息，認為暑假前完成協商，將有助於觀光產業回溫，並帶動相關消費成長。</p>"
                + "<h3>延伸閱讀</h3>"
                + "<p>颱風過後農損統計出爐，農委會宣布啟動救助措施，受災農民可在月底前向鄉鎮公所提出申請。</p>"
                + "</div></body></html>");
        assertTrue(a.text().contains("陸委會表示"), "the text goes on after an inline read-also: " + a.text());
        assertTrue(a.text().endsWith("並帶動相關消費成長。"), a.text());
        assertFalse(a.text().contains("颱風"), a.text());

        // the readers' comments under a heading, in blocks whose names say nothing
        Article commented = extract("<html><body><div><h1>Election day</h1>"
                + "<p>Voters queued outside polling stations across the island from early morning, officials said.</p>"
                + "<p>Turnout was expected to be higher than four years ago, when about two thirds of voters took part.</p>"
                + "<p>The first results are due in the evening, once the counting in the smaller towns has finished.</p>"
                + "<h4>12 Comments</h4>"
                + "<p>I queued for an hour at my polling station and it was worth every minute of it, honestly.</p>"
                + "</div></body></html>");
        assertTrue(commented.text().endsWith("in the smaller towns has finished."), commented.text());
    }

    @Test
    void proseJustBeforeTheBodyBlockIsTheArticlesBeginningButATeaserBlockIsNot() {
        StringBuilder method = new StringBuilder();
        for (int i = 1; i <= 6; i++) {
            method.append("<p>Step ").append(i).append(": stir the mixture gently for another few minutes, then let it rest ")
                    .append("before you go on, so that the flavours have time to come together properly.</p>");
        }
        Article a = extract("<html><body><h3>Recipes</h3><div class=nav><a href=/>Home</a> <a href=/r>Recipes</a></div>"
                + "<div class=recipe><div class=intro><p>A cake that every bakery in Taipei sells, and that is easy to make at home.</p>"
                + "<p>It keeps for a week in a tin, which is why it is the island's favourite gift to bring back from a trip.</p></div>"
                + "<div class=method>" + method + "</div></div>"
                + "<div class=more><p><a href=/b>Mango ice</a></p><p>Another dessert that is easy to make at home, with fruit.</p></div>"
                + "</body></html>");
        assertTrue(a.text().startsWith("A cake that every bakery in Taipei sells"), a.text());
        assertTrue(a.text().contains("favourite gift"), a.text());
        assertTrue(a.text().endsWith("come together properly."), a.text());
        assertFalse(a.text().contains("Mango"), a.text());
    }

    @Test
    void aPostQuotedFromASocialNetworkStaysInTheTextAndTheTextEndsAtRecommendations() {
        Article a = extract("<html><body><div class=article-body><h1>Foreign minister answers critics</h1>"
                + "<p>The foreign minister defended the new visa rules on Tuesday, saying they made travel easier for students.</p>"
                + "<div class=\"article-widget article-tweet\"><blockquote class=twitter-tweet><p>The rules open our universities "
                + "to the region's best students.</p>&mdash; Foreign Ministry (@ministry) <a href=https://x.example/1>May 3, 2024</a>"
                + "</blockquote></div>"
                + "<p>Opposition lawmakers said the ministry had not consulted the universities before announcing the change.</p>"
                + "<h3>You may also like</h3>"
                + "<p>A long summary of another story about the harbour festival that opens on Friday with music and food.</p>"
                + "<p>A long summary of a third story about the new metro line, which opens next year after long delays.</p>"
                + "<p>A long summary of a fourth story about the typhoon season, which is expected to start early this year.</p>"
                + "</div></body></html>");
        assertTrue(a.text().contains("The rules open our universities"), a.text());
        assertTrue(a.text().endsWith("before announcing the change."), a.text());
    }

    @Test
    void theRestOfAStoryThatThePageMarksForItsPaywallScriptIsText() {
        Article a = extract("<html><body><article><h1>Chip exports rise</h1><div itemprop=articleBody>"
                + "<p>Exports of chips rose by a fifth in the year to October, the finance ministry said on Monday, the fastest "
                + "growth in more than a decade and well above what most economists had expected at the start of the year.</p>"
                + "<div class=paywall><p>Most of the growth came from orders for servers, which doubled over the year as data "
                + "centres around the world bought the newest processors, while exports of chips for phones barely changed.</p>"
                + "<p>Economists expect the pace to slow next year as new factories abroad begin production.</p></div>"
                + "</div></article><div class=\"paywall-prompt\"><p>Subscribe to keep reading: one month free.</p></div></body></html>");
        assertTrue(a.text().endsWith("as new factories abroad begin production."), a.text());
        assertFalse(a.text().contains("Subscribe"), a.text());
    }

    @Test
    void theHeadlineWithTheSiteNameAndTheTagsLabelAreNotText() {
        Article a = extract("<html><head><meta property=og:title content=\"Typhoon season starts early\"></head><body>"
                + "<div class=post><p>Typhoon season starts early | Island Weather | News</p>"
                + "<p>The weather bureau said on Monday that the first typhoon of the year is expected to reach the east coast on Friday.</p>"
                + "<p>Fishing boats were told to return to port, and schools in two counties will close on Thursday afternoon.</p>"
                + "<p>Tags</p><p>Typhoon season starts early: what the bureau expects is a long summer of storms.</p></div></body></html>");
        assertTrue(a.text().startsWith("The weather bureau said on Monday"), a.text());
        assertFalse(a.text().contains("Island Weather"), a.text());
        assertFalse(a.text().contains("\nTags"), a.text());
        assertTrue(a.text().endsWith("is a long summer of storms."), "a sentence that begins with the headline stays: " + a.text());
    }
}
