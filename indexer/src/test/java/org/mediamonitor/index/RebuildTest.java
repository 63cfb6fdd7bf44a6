package org.mediamonitor.index;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediamonitor.model.Classification;
import org.mediamonitor.model.Item;
import org.mediamonitor.model.Label;
import org.mediamonitor.model.LabelCounts;
import org.mediamonitor.model.SearchRequest;

class RebuildTest {
    private static final Instant FROM = Instant.parse("2017-12-31T16:00:00Z"), TO = Instant.parse("2018-12-31T16:00:00Z");
    @TempDir
    Path folder;

    private static Item item(String id, String text, String published) {
        return new Item(id, "https://x.example/" + id, "herald", "Title " + id, text, Instant.parse(published), null, "en",
                Instant.EPOCH, new Classification(true, Label.BALANCED, 0.6, List.of(), "model:test", Instant.EPOCH), null);
    }

    @Test
    void aRebuildKeepsEveryItemItsClusterAndTheStaffCorrections() throws Exception {
        Path index = folder.resolve("index");
        String story = "Taipei answered that its democracy would not bow to threats, officials said on Monday.";
        try (ItemIndex items = new ItemIndex(index)) {
            items.add(item("late-copy", story, "2018-04-02T00:00:00Z"));
            items.add(item("first", story, "2018-04-01T00:00:00Z"));
            items.add(item("alone", "A different story about the economy of the island and its exports.", "2018-05-01T00:00:00Z"));
            items.commit();
            items.correct("late-copy", new Classification(true, Label.POSITIVE, 1, List.of(), "staff:lin", Instant.EPOCH));
            assertEquals(new LabelCounts(2, 1, 1, 0, 0), items.countByLabel(FROM, TO));
        }
        assertEquals(3, ItemIndex.rebuild(index, ItemIndex.Options.defaults(index), n -> { }));
        try (ItemIndex items = new ItemIndex(index)) {
            assertEquals(3, items.size());
            // rebuilt oldest first: the cluster now carries the id of its earliest copy
            assertEquals("first", items.get("late-copy").orElseThrow().cluster());
            assertEquals(Label.POSITIVE, items.get("first").orElseThrow().classification().label());
            assertEquals(new LabelCounts(2, 1, 1, 0, 0), items.countByLabel(FROM, TO));
            assertEquals("staff:lin", items.ledger(FROM, TO, false).get(0).decidedBy());
        }
        assertTrue(ItemIndex.checkFiles(index, null));
    }

    @Test
    void batchesGiveTheClustersOfOneByOneAndTheChineseTextIsSegmentedAgain() throws Exception {
        Path index = folder.resolve("index");
        String hant = "行政院今天召開院會，通過兩岸條例修正草案，陸委會表示，修法目的在於強化國家安全，並保障臺灣民眾的權益。";
        String hans = "行政院今天召开院会，通过两岸条例修正草案，陆委会表示，修法目的在于强化国家安全，并保障台湾民众的权益。";
        String english = "Taipei answered that its democracy would not bow to threats, officials said on Monday.";
        List<Item> items = List.of(
                chinese("hans-copy", "zh-Hans", hans, "2018-04-05T00:00:00Z"),
                item("en-copy", english, "2018-04-04T00:00:00Z"),
                item("other", "A different story about the economy of the island and its exports.", "2018-04-03T00:00:00Z"),
                chinese("hant", "zh-Hant", hant, "2018-04-02T00:00:00Z"),
                item("en", english, "2018-04-01T00:00:00Z"));
        try (ItemIndex added = new ItemIndex(index)) {
            for (Item it : items) added.add(it);
        }
        Map<String, String> oneByOne = new HashMap<>();
        assertEquals(5, ItemIndex.rebuild(index, ItemIndex.Options.defaults(index), n -> { }, 1));
        try (ItemIndex rebuilt = new ItemIndex(index)) {
            for (Item it : items) oneByOne.put(it.id(), rebuilt.get(it.id()).orElseThrow().cluster());
        }
        assertEquals(Map.of("en", "en", "en-copy", "en", "other", "other", "hant", "hant", "hans-copy", "hant"), oneByOne);
        for (int batch : new int[] {2, 3, ItemIndex.REBUILD_BATCH}) {
            assertEquals(5, ItemIndex.rebuild(index, ItemIndex.Options.defaults(index), n -> { }, batch));
            try (ItemIndex rebuilt = new ItemIndex(index)) {
                for (Item it : items) assertEquals(oneByOne.get(it.id()), rebuilt.get(it.id()).orElseThrow().cluster(), it.id() + " in batches of " + batch);
                // the words of both scripts are found again: 條例 as a word, in either script
                assertEquals(2, rebuilt.search(new SearchRequest("条例", null, null, null, null, null, 10, null)).total());
            }
        }
    }

    private static Item chinese(String id, String language, String text, String published) {
        return new Item(id, "https://x.example/" + id, "herald", "兩岸條例", text, Instant.parse(published), null, language,
                Instant.EPOCH, new Classification(true, Label.BALANCED, 0.6, List.of(), "model:test", Instant.EPOCH), null);
    }
}
