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
import org.mediamonitor.model.CountInterval;
import org.mediamonitor.model.Item;
import org.mediamonitor.model.Label;
import org.mediamonitor.model.LabelCounts;
import org.mediamonitor.model.LedgerRow;
import org.mediamonitor.model.QueryCounts;
import org.mediamonitor.model.SearchHit;
import org.mediamonitor.model.SearchPage;
import org.mediamonitor.model.SearchRequest;
import org.mediamonitor.model.TimeCounts;

class KpiCountsTest {
    private static final Instant Y2018 = Instant.parse("2017-12-31T16:00:00Z"), Y2019 = Instant.parse("2018-12-31T16:00:00Z");
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

    private static Item item(String id, String source, String text, String published, Label label) {
        Classification verdict = label == null
                ? new Classification(false, null, 0.9, List.of(), "model:test-1", Instant.EPOCH)
                : new Classification(true, label, 0.8, List.of(), "model:test-1", Instant.EPOCH);
        return new Item(id, "https://news.example/" + id, source, "Title " + id, text, Instant.parse(published), null,
                "en", Instant.EPOCH, verdict, null);
    }

    private static Classification staff(Label label) {
        return new Classification(true, label, 1.0, List.of(), "staff:mei", Instant.parse("2019-02-01T00:00:00Z"));
    }

    private List<String> allPages(String q, Label label, int size) throws Exception {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            SearchPage page = index.search(new SearchRequest(q, null, null, label, null, null, size, cursor));
            page.items().forEach(h -> ids.add(h.id()));
            cursor = page.next();
            if (cursor != null && ids.size() == size) {
                // a correction between two pages must not change what the paging returns
                index.correct("p3", staff(Label.NEGATIVE));
                index.add(item("late", "herald", "Taiwan story added late", "2018-01-01T00:00:00Z", Label.POSITIVE));
                index.refresh();
            }
        } while (cursor != null);
        return ids;
    }

    /**
     * The KPI counts come from running counts of every cluster's counted time; the ledger of each period
     * is collected by a search. Both must give the same numbers for any period, with duplicate copies
     * (the same story in several outlets, some at the same minute), items not relevant, and staff corrections
     * between them.
     */
    @Test
    void countsOfAnyPeriodEqualTheLedgerCollectedForIt() throws Exception {
        java.util.Random random = new java.util.Random(5);
        String[] sources = {"herald", "post", "daily", "wire"};
        Label[] labels = {Label.POSITIVE, Label.BALANCED, Label.NEGATIVE, null};
        for (int story = 0; story < 120; story++) {
            String text = "Taiwan story " + story + " about the strait and its trade, told at length with detail " + story * 7919;
            Instant first = Y2018.plusSeconds(random.nextInt(400) * 86_400L + random.nextInt(3) * 60L);
            int copies = random.nextInt(4) == 0 ? 2 + random.nextInt(3) : 1;
            for (int c = 0; c < copies; c++) {
                // copies a day or so later, or at the same minute as the first
                Instant when = c == 0 || random.nextBoolean() ? first : first.plusSeconds(random.nextInt(3) * 86_400L);
                index.add(item("s" + story + "c" + c, sources[c % sources.length], text, when.toString(), labels[random.nextInt(labels.length)]));
            }
        }
        index.commit();
        index.correct("s3c0", staff(Label.NEGATIVE));
        index.correct("s10c0", staff(Label.POSITIVE));
        index.commit();
        for (int i = 0; i < 200; i++) {
            Instant from = Y2018.plusSeconds(random.nextInt(420) * 86_400L - 86_400L);
            Instant to = from.plusSeconds(1 + random.nextInt(i % 2 == 0 ? 3 : 200) * 86_400L);
            if (i == 0) {
                from = Y2018;
                to = Y2019;
            }
            LabelCounts counts = index.countByLabel(from, to);
            assertEquals(index.collectedCounts(from, to), counts, "period " + from + " to " + to);
            List<LedgerRow> rows = index.ledger(from, to, false);
            assertEquals(rows.size(), counts.positive() + counts.balanced() + counts.negative(), "the count is the list");
        }
        assertTrue(index.countByLabel(Y2018, Y2019).positive() > 0);
    }

    @Test
    void theTotalOfAQueryIsTheNumberOfItemsItsPagesReturnEvenWithTiesAndCorrectionsMeanwhile() throws Exception {
        for (int i = 0; i < 37; i++) {
            index.add(item("p" + i, "herald", "Taiwan story number " + i + " " + "word".repeat(i % 4),
                    i % 2 == 0 ? "2018-01-01T00:00:00Z" : "2018-01-0" + (1 + i % 5) + "T00:00:00Z", Label.POSITIVE));
        }
        index.commit();
        long total = index.search(new SearchRequest("taiwan", null, null, Label.POSITIVE, null, null, 5, null)).total();
        List<String> paged = allPages("taiwan", Label.POSITIVE, 5);
        assertEquals(37, total);
        assertEquals(total, paged.size());
        assertEquals(total, new HashSet<>(paged).size(), "no item twice");
        // after the paging, a new search sees the correction and the late item
        assertEquals(37, index.search(new SearchRequest("taiwan", null, null, Label.POSITIVE, null, null, 5, null)).total());
        assertEquals(1, index.search(new SearchRequest("taiwan", null, null, Label.NEGATIVE, null, null, 5, null)).total());

        // relevance order pages the same way
        Set<String> seen = new HashSet<>();
        String cursor = null;
        do {
            SearchPage page = index.search(new SearchRequest("taiwan word", null, null, null, null, null, 4, cursor, SearchRequest.Sort.RELEVANCE));
            for (SearchHit h : page.items()) assertTrue(seen.add(h.id()), h.id());
            cursor = page.next();
        } while (cursor != null);
        assertEquals(index.search(new SearchRequest("taiwan word", null, null, null, null, null, 1, null)).total(), seen.size());
    }

    @Test
    void aCorrectionAppliesToTheWholeClusterShowsInCountsAtOnceAndSurvivesReclassification() throws Exception {
        String story = "Washington reaffirmed its support for Taiwan after talks in Taipei on trade and security this week.";
        index.add(item("wire", "wire", story, "2018-05-01T00:00:00Z", Label.BALANCED));
        index.add(item("copy", "herald", story, "2018-05-02T00:00:00Z", Label.BALANCED));
        index.add(item("other", "herald", "Taipei mishandled the dispute, critics said, in a long statement.", "2018-06-01T00:00:00Z", Label.NEGATIVE));
        index.commit();
        assertEquals(new LabelCounts(2, 0, 1, 1, 0), index.countByLabel(Y2018, Y2019));

        List<String> corrected = index.correct("copy", staff(Label.POSITIVE));
        assertEquals(Set.of("wire", "copy"), Set.copyOf(corrected));
        assertEquals(new LabelCounts(2, 1, 0, 1, 0), index.countByLabel(Y2018, Y2019), "at once, one cluster");
        assertEquals(2, index.search(new SearchRequest("", null, null, Label.POSITIVE, null, null, 10, null)).total(), "searches count items, both copies");

        // the classifier runs again over the item: the staff label stays
        index.add(item("wire", "wire", story, "2018-05-01T00:00:00Z", Label.NEGATIVE));
        index.add(item("third", "times", story + " ", "2018-05-03T00:00:00Z", Label.NEGATIVE));
        index.commit();
        assertEquals(Label.POSITIVE, index.get("wire").orElseThrow().classification().label());
        assertEquals(Label.POSITIVE, index.get("third").orElseThrow().classification().label(), "a new copy joins the corrected cluster");
        assertEquals(new LabelCounts(2, 1, 0, 1, 0), index.countByLabel(Y2018, Y2019));

        index.close();
        index = new ItemIndex(folder.resolve("index"));
        assertEquals(new LabelCounts(2, 1, 0, 1, 0), index.countByLabel(Y2018, Y2019));
        assertEquals("staff:mei", index.get("copy").orElseThrow().classification().decidedBy());
    }

    @Test
    void theLedgerListsExactlyTheCountedRowsAndCanCountEachOutlet() throws Exception {
        String story = "Beijing condemned the visit, and Taipei answered that its democracy would not bow to threats.";
        index.add(item("a1", "wire", story, "2018-12-31T15:00:00Z", Label.BALANCED)); // 2018 in Taipei
        index.add(item("a2", "herald", story, "2018-12-31T17:00:00Z", Label.BALANCED)); // 2019 in Taipei: same cluster
        index.add(item("a3", "herald", story + "!", "2019-01-02T00:00:00Z", Label.BALANCED));
        index.add(item("b1", "herald", "A model democracy, said the visiting senators of Taiwan's elections.", "2018-03-01T00:00:00Z", Label.POSITIVE));
        index.add(item("n1", "herald", "Rain and wind across the region today.", "2018-03-01T00:00:00Z", null));
        index.commit();

        List<LedgerRow> rows = index.ledger(Y2018, Y2019, false);
        assertEquals(List.of("b1", "a1"), rows.stream().map(LedgerRow::item).toList());
        assertEquals(rows.size(), index.countByLabel(Y2018, Y2019).total());
        assertEquals("model:test-1", rows.get(0).decidedBy());
        // the cluster counted in 2018, where its first copy is, and not again in 2019
        assertEquals(0, index.countByLabel(Y2019, Instant.parse("2019-12-31T16:00:00Z")).total());
        assertEquals(List.of(), index.ledger(Y2019, Instant.parse("2019-12-31T16:00:00Z"), false));

        // each outlet separately: herald's two copies count once, in 2019
        List<LedgerRow> outlets = index.ledger(Y2019, Instant.parse("2019-12-31T16:00:00Z"), true);
        assertEquals(List.of("a2"), outlets.stream().map(LedgerRow::item).toList());
        assertEquals(1, index.countByLabel(Y2019, Instant.parse("2019-12-31T16:00:00Z"), true).total());
    }

    @Test
    void countsOverTimeSplitByLabelInTaipeiWithTheRatioToAllItems() throws Exception {
        index.add(item("j1", "herald", "Taiwan trade grows.", "2018-01-10T00:00:00Z", Label.POSITIVE));
        index.add(item("j2", "herald", "Taiwan trade falls.", "2018-01-31T17:00:00Z", Label.NEGATIVE)); // February in Taipei
        index.add(item("j3", "herald", "Weather report.", "2018-01-12T00:00:00Z", null));
        index.add(item("m1", "herald", "Taiwan elections.", "2018-03-03T00:00:00Z", Label.BALANCED));
        index.commit();
        TimeCounts months = index.countsOverTime("taiwan", Y2018, Instant.parse("2018-03-31T16:00:00Z"), CountInterval.MONTH);
        assertEquals(List.of("2018-01", "2018-02", "2018-03"), months.periods().stream().map(TimeCounts.Period::period).toList());
        TimeCounts.Period jan = months.periods().get(0);
        assertEquals(new LabelCounts(1, 1, 0, 0, 0), jan.matching());
        assertEquals(2, jan.all());
        assertEquals(0.5, jan.ratio());
        assertEquals(new LabelCounts(1, 0, 0, 1, 0), months.periods().get(1).matching());
        assertEquals(1.0, months.periods().get(1).ratio());

        TimeCounts weeks = index.countsOverTime("", Y2018, Instant.parse("2018-01-31T16:00:00Z"), CountInterval.WEEK);
        assertEquals("2018-01-01", weeks.periods().get(0).period(), "weeks start on Monday");
        assertEquals(2, weeks.periods().stream().mapToLong(TimeCounts.Period::all).sum());

        QueryCounts counts = index.counts("taiwan", Y2018, Y2019);
        assertEquals(3, counts.total());
        assertEquals(4, counts.all());
        assertEquals(0.75, counts.ratio());
        assertEquals(3L, counts.facets().get("source").get("herald"));
        assertEquals(1L, counts.facets().get("label").get("negative"));
    }
}
