package org.mediamonitor.index;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediamonitor.model.Classification;
import org.mediamonitor.model.Item;
import org.mediamonitor.model.Label;
import org.mediamonitor.model.LabelCounts;

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
}
