package org.mediamonitor.index;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediamonitor.model.Item;
import org.mediamonitor.model.SavedQuery;

class SavedQueriesTest {
    @TempDir
    Path folder;

    private static Item item(String id, String lang, String title, String text) {
        return new Item(id, "https://x.example/" + id, "herald", title, text, Instant.parse("2018-05-01T00:00:00Z"),
                null, lang, Instant.EPOCH, null, null);
    }

    @Test
    void theDefaultQueryMatchesTaiwanInEnglishAndBothScriptsAndMatchesAreStoredOnTheItem() throws Exception {
        try (ItemIndex index = new ItemIndex(folder.resolve("index"))) {
            assertEquals(List.of(SavedQueries.DEFAULT), index.savedQueries().list());
            index.add(item("en", "en", "Cross-strait talks", "Officials met to discuss cross-strait relations."));
            index.add(item("hant", "zh-Hant", "新聞", "臺灣的經濟成長。"));
            index.add(item("hans", "zh-Hans", "新闻", "两岸关系紧张。"));
            index.add(item("none", "en", "Weather", "Rain in Osaka."));
            index.commit();
            for (String id : List.of("en", "hant", "hans")) assertEquals(List.of("taiwan"), index.savedQueryMatches(id), id);
            assertEquals(List.of(), index.savedQueryMatches("none"));
            assertEquals(3, index.search(new org.mediamonitor.model.SearchRequest("query:taiwan", null, null, null, null, null, 10, null)).total());
        }
    }

    @Test
    void savedQueriesAreAddedReplacedDeletedAndKeptAcrossRestarts() throws Exception {
        SavedQuery osaka = new SavedQuery("osaka", "Osaka weather", "osaka AND (rain OR snow)");
        try (ItemIndex index = new ItemIndex(folder.resolve("index"))) {
            index.savedQueries().put(osaka);
            assertThrows(InvalidQueryException.class, () -> index.savedQueries().put(new SavedQuery("bad", "Bad", "osaka AND (")));
            index.add(item("o", "en", "Weather", "Rain in Osaka."));
            index.commit();
            assertEquals(List.of("osaka"), index.savedQueryMatches("o"));
            assertEquals(1, index.counts(osaka, null, null).total());
        }
        try (ItemIndex index = new ItemIndex(folder.resolve("index"))) {
            assertEquals(List.of(osaka, SavedQueries.DEFAULT), index.savedQueries().list());
            assertTrue(index.savedQueries().delete("taiwan"));
            assertFalse(index.savedQueries().delete("taiwan"));
            index.savedQueries().put(new SavedQuery("osaka", "Osaka", "osaka snow"));
            index.add(item("p", "en", "Weather", "Rain in Osaka."));
            index.commit();
            assertEquals(List.of(), index.savedQueryMatches("p"));
        }
        try (ItemIndex index = new ItemIndex(folder.resolve("index"))) {
            assertEquals(List.of("osaka"), index.savedQueries().list().stream().map(SavedQuery::id).toList(),
                    "a deleted default does not come back");
        }
    }
}
