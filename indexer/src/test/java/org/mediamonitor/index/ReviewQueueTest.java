package org.mediamonitor.index;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediamonitor.classifier.Classifier;
import org.mediamonitor.model.Classification;
import org.mediamonitor.model.Item;
import org.mediamonitor.model.Label;
import org.mediamonitor.model.SearchHit;
import org.mediamonitor.model.SearchPage;
import org.mediamonitor.model.SearchRequest;

class ReviewQueueTest {
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

    private static Item item(String id, String source, String language, String text, String published, Classification verdict) {
        return new Item(id, "https://news.example/" + id, source, "Title " + id, text, Instant.parse(published), null,
                language, Instant.EPOCH, verdict, null);
    }

    private static Classification model(Label label, double confidence) {
        return new Classification(true, label, confidence, List.of(), "model:test-1", Instant.EPOCH);
    }

    private static Classification staff(Label label, double confidence) {
        return new Classification(true, label, confidence, List.of(), "staff:mei", Instant.parse("2019-02-01T00:00:00Z"));
    }

    private List<SearchHit> wholeQueue(String source, String language, int size) throws Exception {
        List<SearchHit> hits = new ArrayList<>();
        String cursor = null;
        do {
            SearchPage page = index.reviewQueue(source, language, size, cursor);
            assertTrue(page.items().size() <= size);
            hits.addAll(page.items());
            cursor = page.next();
        } while (cursor != null);
        return hits;
    }

    @Test
    void leastConfidentModelVerdictsComeFirstAndPagingReturnsExactlyTheTotal() throws Exception {
        double below = Classifier.REVIEW_BELOW;
        index.add(item("sure", "herald", "en", "Taiwan story one", "2018-01-05T00:00:00Z", model(Label.POSITIVE, below)));
        index.add(item("low", "herald", "en", "Taiwan story two", "2018-01-05T00:00:00Z", model(Label.NEGATIVE, 0.31)));
        index.add(item("tieOld", "herald", "en", "Taiwan story three", "2018-01-01T00:00:00Z", model(Label.BALANCED, 0.45)));
        index.add(item("tieNewB", "courier", "en", "Taiwan story four", "2018-01-03T00:00:00Z", model(Label.BALANCED, 0.45)));
        index.add(item("tieNewA", "courier", "zh-Hant", "臺灣新聞五", "2018-01-03T00:00:00Z", model(Label.POSITIVE, 0.45)));
        index.add(item("justBelow", "courier", "en", "Taiwan story six", "2018-01-02T00:00:00Z", model(Label.POSITIVE, Math.nextDown(below))));
        index.add(item("byStaff", "herald", "en", "Taiwan story seven", "2018-01-02T00:00:00Z", staff(Label.POSITIVE, 0.2)));
        index.add(item("irrelevant", "herald", "en", "Weather story", "2018-01-02T00:00:00Z",
                new Classification(false, null, 0.1, List.of(), "model:test-1", Instant.EPOCH)));
        index.add(item("unclassified", "herald", "en", "Another story", "2018-01-02T00:00:00Z", null));
        index.commit();

        List<String> expected = List.of("low", "tieNewA", "tieNewB", "tieOld", "justBelow");
        SearchPage first = index.reviewQueue(null, null, 2, null);
        assertEquals(expected.size(), first.total());
        assertEquals(List.of(0.31, 0.45), first.items().stream().map(SearchHit::confidence).toList());
        assertEquals(Label.NEGATIVE, first.items().getFirst().label());
        for (int size : new int[] {1, 2, 3, 5, 10}) {
            assertEquals(expected, wholeQueue(null, null, size).stream().map(SearchHit::id).toList(), "pages of " + size);
        }
        assertEquals(List.of("tieNewA", "tieNewB", "justBelow"), wholeQueue("courier", null, 2).stream().map(SearchHit::id).toList());
        assertEquals(2, index.reviewQueue("courier", "en", 10, null).total());
        assertEquals(List.of("tieNewA"), wholeQueue(null, "zh-TW", 10).stream().map(SearchHit::id).toList());
        assertThrows(InvalidQueryException.class, () -> index.reviewQueue(null, null, 2, "bm90LWEtY3Vyc29y"));
        // a search cursor does not continue the queue
        String searchCursor = index.search(new SearchRequest("taiwan", null, null, null, null, null, 1, null)).next();
        assertNotNull(searchCursor);
        assertThrows(InvalidQueryException.class, () -> index.reviewQueue(null, null, 2, searchCursor));
    }

    @Test
    void aStaffCorrectionTakesTheItemAndItsClusterOutOfTheQueueAtOnce() throws Exception {
        String wire = "Taiwan's cabinet approved a new budget for coastal defence on Monday, officials said.";
        index.add(item("a", "herald", "en", wire, "2018-03-01T00:00:00Z", model(Label.BALANCED, 0.4)));
        index.add(item("b", "courier", "en", wire, "2018-03-02T00:00:00Z", model(Label.BALANCED, 0.5)));
        index.add(item("c", "herald", "en", "Taipei hosted a film festival.", "2018-03-03T00:00:00Z", model(Label.POSITIVE, 0.3)));
        index.commit();
        assertEquals(index.get("a").orElseThrow().cluster(), index.get("b").orElseThrow().cluster());
        assertEquals(List.of("c", "a", "b"), wholeQueue(null, null, 10).stream().map(SearchHit::id).toList());

        index.correct("b", staff(Label.NEGATIVE, 0.2));
        assertEquals(List.of("c"), wholeQueue(null, null, 10).stream().map(SearchHit::id).toList());
        assertEquals(1, index.reviewQueue(null, null, 10, null).total());

        // a copy arriving later joins the corrected cluster, and the queue does not take it
        index.add(item("d", "gazette", "en", wire, "2018-03-04T00:00:00Z", model(Label.POSITIVE, 0.1)));
        index.commit();
        assertEquals(List.of("c"), wholeQueue(null, null, 10).stream().map(SearchHit::id).toList());

        // and reopening (corrections applied again from their log) keeps it so
        index.close();
        index = new ItemIndex(folder.resolve("index"));
        assertEquals(List.of("c"), wholeQueue(null, null, 10).stream().map(SearchHit::id).toList());
    }

    @Test
    void theVersionChangesWithEveryVisibleChange() throws Exception {
        long empty = index.version();
        assertEquals(empty, index.version(), "nothing changed");
        index.add(item("a", "herald", "en", "Taiwan story one", "2018-01-05T00:00:00Z", model(Label.POSITIVE, 0.9)));
        index.add(item("b", "herald", "en", "Taiwan story two", "2018-01-06T00:00:00Z", model(Label.POSITIVE, 0.9)));
        index.refresh();
        long added = index.version();
        assertNotEquals(empty, added);
        index.refresh();
        assertEquals(added, index.version(), "a refresh with nothing new changes nothing");
        index.commit();
        added = index.version(); // a commit may count as a change: a cache keyed on it only misses once

        index.correct("a", staff(Label.NEGATIVE, 1.0));
        long corrected = index.version();
        assertNotEquals(added, corrected);
        assertEquals(1, index.countByLabel(Instant.parse("2017-12-31T16:00:00Z"), Instant.parse("2018-12-31T16:00:00Z")).negative());

        // the same label once more still changes who decided and when: a new version
        index.correct("a", staff(Label.NEGATIVE, 1.0));
        assertNotEquals(corrected, index.version());

        long before = index.version();
        index.add(item("b", "herald", "en", "Taiwan story two, updated", "2018-01-06T00:00:00Z", model(Label.BALANCED, 0.9)));
        index.commit();
        assertNotEquals(before, index.version(), "a replaced item");
    }
}
