package org.mediamonitor.index;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediamonitor.model.Classification;
import org.mediamonitor.model.Item;
import org.mediamonitor.model.Label;
import org.mediamonitor.model.LabelCounts;
import org.mediamonitor.model.SearchHit;
import org.mediamonitor.model.SearchPage;
import org.mediamonitor.model.SearchRequest;

class ItemIndexTest {
    @TempDir
    Path folder;
    private ItemIndex index;

    @BeforeEach
    void open() throws Exception {
        index = new ItemIndex(folder.resolve("index"));
    }

    @AfterEach
    void close() throws Exception {
        index.close();
    }

    private static Item item(String id, String language, String title, String text, String published, Label label) {
        Classification verdict = label == null
                ? new Classification(false, null, 0.9, List.of(), "model:test", Instant.EPOCH)
                : new Classification(true, label, 0.8, List.of(), "model:test", Instant.EPOCH);
        return new Item(id, "https://news.example/" + id, "herald", title, text, Instant.parse(published), null,
                language, Instant.EPOCH, verdict, null);
    }

    private static SearchRequest query(String q, int size, String cursor) {
        return new SearchRequest(q, null, null, null, null, null, size, cursor);
    }

    @Test
    void eitherChineseScriptFindsAllThreeSpellingsWithMarkedSnippets() throws Exception {
        index.add(item("a", "zh-Hant", "臺灣新聞", "臺灣的民主制度受到讚揚。", "2018-03-23T02:00:00Z", Label.POSITIVE));
        index.add(item("b", "zh-Hant", "台灣新聞", "台灣的經濟成長。", "2018-03-22T02:00:00Z", Label.BALANCED));
        index.add(item("c", "zh-Hans", "台湾新闻", "台湾当局的政策。", "2018-03-21T02:00:00Z", Label.NEGATIVE));
        index.add(item("d", "en", "Weather", "Rain across the region.", "2018-03-20T02:00:00Z", null));
        index.commit();

        for (String spelling : List.of("臺灣", "台灣", "台湾")) {
            SearchPage page = index.search(query(spelling, 10, null));
            assertEquals(3, page.total(), spelling);
            assertEquals(List.of("a", "b", "c"), page.items().stream().map(SearchHit::id).toList(), "newest first");
        }
        SearchPage page = index.search(query("臺灣", 10, null));
        assertEquals("<mark>臺灣</mark>的民主制度受到讚揚。", page.items().get(0).snippet());
        assertEquals(1L, page.facets().get("label").get("positive"));
        assertEquals(3L, page.facets().get("source").get("herald"));
        assertEquals(2L, page.facets().get("language").get("zh-Hant"));
        assertEquals(1, index.search(query("兩岸 OR 政策", 10, null)).total());
    }

    @Test
    void pagingWithTiedDatesReturnsEveryMatchOnceAndTheTotalMatches() throws Exception {
        for (int i = 0; i < 23; i++) {
            String day = i % 3 == 0 ? "2018-01-01T00:00:00Z" : "2018-01-0" + (1 + i % 9) + "T00:00:00Z";
            index.add(item("id" + i, "en", "Taiwan story " + i, "Taiwan economy grows " + i, day, Label.BALANCED));
        }
        index.commit();
        Set<String> seen = new HashSet<>();
        List<String> order = new ArrayList<>();
        String cursor = null;
        long total = -1;
        do {
            SearchPage page = index.search(query("taiwan", 5, cursor));
            total = page.total();
            page.items().forEach(h -> order.add(h.id()));
            page.items().forEach(h -> assertTrue(seen.add(h.id()), "returned twice: " + h.id()));
            cursor = page.next();
        } while (cursor != null);
        assertEquals(23, total);
        assertEquals(23, seen.size());
    }

    @Test
    void countsByLabelCountACrossScriptClusterOnceAndRespectThePeriod() throws Exception {
        String hant = "新華社電：兩岸關係近日緊張，臺灣當局表示將加強防務。";
        String hans = "新华社电：两岸关系近日紧张，台湾当局表示将加强防务。";
        index.add(item("t", "zh-Hant", "兩岸關係", hant, "2018-05-01T00:00:00Z", Label.BALANCED));
        index.add(item("s", "zh-Hans", "两岸关系", hans, "2018-05-01T00:00:00Z", Label.BALANCED));
        index.add(item("p", "en", "Praise", "Taiwan praised.", "2018-12-31T15:59:00Z", Label.POSITIVE));
        index.add(item("n", "en", "Criticism", "Taipei criticised.", "2018-12-31T16:00:00Z", Label.NEGATIVE));
        index.add(item("x", "en", "Weather", "Rain.", "2018-06-01T00:00:00Z", null));
        index.commit();

        assertEquals(index.get("t").orElseThrow().cluster(), index.get("s").orElseThrow().cluster());
        // 2018 in Asia/Taipei ends at 2018-12-31T16:00Z: "n" belongs to 2019
        LabelCounts year = index.countByLabel(Instant.parse("2017-12-31T16:00:00Z"), Instant.parse("2018-12-31T16:00:00Z"));
        assertEquals(new LabelCounts(2, 1, 1, 0, 1), year);
    }

    @Test
    void committedItemsSurviveReopeningAndUpdatesReplaceById() throws Exception {
        index.add(item("a", "en", "Taiwan", "First text", "2018-01-01T00:00:00Z", Label.BALANCED));
        index.commit();
        index.add(item("a", "en", "Taiwan", "Second text", "2018-01-01T00:00:00Z", Label.NEGATIVE));
        index.close();
        index = new ItemIndex(folder.resolve("index"));
        assertEquals(1, index.size());
        Item stored = index.get("a").orElseThrow();
        assertEquals("Second text", stored.text());
        assertEquals(Label.NEGATIVE, stored.classification().label());
        assertTrue(index.contains("a"));
        assertFalse(index.contains("b"));
    }

    @Test
    void aBrokenQuerySaysWhatIsWrong() {
        var error = assertThrows(InvalidQueryException.class, () -> index.search(query("taiwan AND (", 10, null)));
        assertFalse(error.getMessage().isBlank());
        assertThrows(InvalidQueryException.class, () -> index.search(query("taiwan", 10, "not-a-cursor")));
    }
}
