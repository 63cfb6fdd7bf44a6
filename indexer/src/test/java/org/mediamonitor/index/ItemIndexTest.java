package org.mediamonitor.index;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Random;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentCommitInfo;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
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

    /** The items of a period, newest first, in a new index (kept newest first) and in one written before it was. */
    @Test
    void periodsAnswerTheSameInANewIndexAndInOneWrittenInTheOrderOfArrival() throws Exception {
        Path older = folder.resolve("older").resolve("index"); // its own state folder beside it
        try (FSDirectory dir = FSDirectory.open(older);
             IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(new StandardAnalyzer()))) {
            Document d = new Document(); // as an index written before kept its documents newest first
            d.add(new StringField(IndexSchema.ID, "older", Field.Store.NO));
            d.add(new SortedDocValuesField(IndexSchema.ID, new BytesRef("older")));
            d.add(new LongPoint(IndexSchema.PUBLISHED, 0L));
            d.add(new NumericDocValuesField(IndexSchema.PUBLISHED, 0L));
            writer.addDocument(d);
        }
        try (ItemIndex inOrderOfArrival = new ItemIndex(older)) {
            for (ItemIndex each : List.of(index, inOrderOfArrival)) {
                Random random = new Random(5);
                List<String> expected = new ArrayList<>();
                Instant from = Instant.parse("2018-03-01T00:00:00Z"), to = Instant.parse("2018-04-01T00:00:00Z");
                List<Item> items = new ArrayList<>();
                for (int i = 0; i < 60; i++) {
                    Instant published = Instant.parse("2018-02-20T00:00:00Z").plusSeconds(3600L * 6 * random.nextInt(180));
                    items.add(item("p" + i, "en", "Taiwan " + i, "Taiwan economy grows " + i, published.toString(), Label.BALANCED));
                    if (!published.isBefore(from) && published.isBefore(to)) expected.add("p" + i);
                }
                for (int i = 0; i < items.size(); i++) {
                    each.add(items.get(i));
                    if (i % 20 == 19) each.commit(); // several segments
                }
                expected.sort(java.util.Comparator.comparing((String id) -> items.get(Integer.parseInt(id.substring(1))).published())
                        .reversed().thenComparing(id -> id));
                SearchPage page = each.search(new SearchRequest("taiwan", from, to, null, null, null, 100, null));
                assertEquals(expected.size(), page.total());
                assertEquals(expected, page.items().stream().map(SearchHit::id).toList(), "newest first, by id among equal times");
            }
        }
        index.commit();
        try (FSDirectory dir = FSDirectory.open(folder.resolve("index")); FSDirectory old = FSDirectory.open(older)) {
            for (SegmentCommitInfo segment : SegmentInfos.readLatestCommit(dir)) {
                assertEquals(IndexSchema.PUBLISHED, segment.info.getIndexSort().getSort()[0].getField(), "a new index keeps segments newest first");
                assertTrue(segment.info.getIndexSort().getSort()[0].getReverse());
            }
            for (SegmentCommitInfo segment : SegmentInfos.readLatestCommit(old)) {
                assertNull(segment.info.getIndexSort(), "an index written in the order of arrival stays so");
            }
        }
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
