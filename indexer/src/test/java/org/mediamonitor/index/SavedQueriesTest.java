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
    void aBatchMatchesAsItemByItemWithFewQueriesAndWithManyAndWithWildcards() throws Exception {
        List<Item> items = List.of(
                item("a", "en", "Chip exports", "Taiwan chip exports rose in May, the ministry said."),
                item("b", "en", "Weather", "Heavy rain in Osaka and snow in Sapporo."),
                item("c", "zh-Hant", "經濟", "臺灣的半導體出口成長。"),
                item("d", "zh-Hans", "天气", "大阪下雨。"),
                item("e", "en", "Semiconductors", "Semiconductor makers in Japan expand."));
        List<SavedQuery> queries = List.of(
                new SavedQuery("phrase", "Phrase", "\"chip exports\""),
                new SavedQuery("near", "Near", "rain NEAR/3 osaka"),
                new SavedQuery("wild", "Wildcard", "semicond*"),
                new SavedQuery("field", "Title and language", "title:weather AND lang:en"),
                new SavedQuery("dated", "Dated", "osaka AND date:[2018-05-01 TO 2018-05-31]"),
                new SavedQuery("undated", "Out of range", "osaka AND date:2019"),
                new SavedQuery("notdated", "Not out of range", "osaka -date:2019"),
                new SavedQuery("chinese", "Chinese", "半導體 OR 大阪"));
        List<List<String>> expected = List.of(List.of("phrase", "taiwan"), List.of("dated", "field", "near", "notdated"),
                List.of("chinese", "taiwan"), List.of("chinese"), List.of("wild"));
        for (int extra : new int[] {0, SavedQueries.RUN_ALL_UP_TO}) { // each query run over the item, then the monitor's selection
            try (ItemIndex index = new ItemIndex(folder.resolve("index" + extra),
                    new ItemIndex.Options(null, null, folder.resolve("state" + extra), null))) {
                for (SavedQuery q : queries) index.savedQueries().put(q);
                for (int i = 0; i < extra; i++) index.savedQueries().put(new SavedQuery("filler" + i, "Filler", "nothing" + i));
                index.addAll(items.stream().map(it -> new ItemIndex.Incoming(it, null, null)).toList());
                index.commit();
                for (int i = 0; i < items.size(); i++) {
                    assertEquals(expected.get(i), index.savedQueryMatches(items.get(i).id()), items.get(i).id() + " with " + extra + " more");
                }
            }
        }
    }

    @Test
    void itemsWithoutAnyWordOfTheQueriesMatchNothingAndQueriesWithoutWordsStillMatch() throws Exception {
        Item courier = new Item("b", "https://x.example/b", "courier", "Weather", "Heavy rain in Osaka.",
                Instant.parse("2018-05-01T00:00:00Z"), null, "en", Instant.EPOCH, null, null);
        List<Item> items = List.of(
                item("a", "en", "Chip exports", "Taiwan chip exports rose in May."),
                courier,
                item("c", "zh-Hant", "經濟", "日本的半導體出口成長。"),
                item("d", "en", "Sports", "The home team won again."),
                item("e", "en", "Weather", "Sunny in Kyoto."));
        List<SavedQuery> wordsOnly = List.of(
                new SavedQuery("phrase", "Phrase", "\"chip exports\""),
                new SavedQuery("near", "Near", "rain NEAR/3 osaka"),
                new SavedQuery("chinese", "Chinese", "半導體 OR 大阪"),
                new SavedQuery("source", "Source", "source:courier"),
                new SavedQuery("title", "Title", "title:weather -osaka"));
        List<List<String>> expected = List.of(List.of("phrase", "taiwan"), List.of("near", "source"), List.of("chinese"),
                List.of(), List.of("title"));
        try (ItemIndex index = new ItemIndex(folder.resolve("index"), new ItemIndex.Options(null, null, folder.resolve("state"), null))) {
            for (SavedQuery q : wordsOnly) index.savedQueries().put(q);
            index.addAll(items.stream().map(it -> new ItemIndex.Incoming(it, null, null)).toList());
            // a query that needs no word of its own matches the items the others skip
            index.savedQueries().put(new SavedQuery("notosaka", "Not Osaka", "-osaka"));
            index.addAll(items.stream().map(it -> new ItemIndex.Incoming(it, null, null)).toList());
            index.commit();
            for (int i = 0; i < items.size(); i++) {
                List<String> withNegation = new java.util.ArrayList<>(expected.get(i));
                if (!items.get(i).text().contains("Osaka")) withNegation.add("notosaka");
                withNegation.sort(null);
                assertEquals(withNegation, index.savedQueryMatches(items.get(i).id()), items.get(i).id());
            }
            // and the text is still indexed in full after the words were looked for
            assertEquals(1, index.search(new org.mediamonitor.model.SearchRequest("kyoto", null, null, null, null, null, 10, null)).total());
            assertEquals(1, index.search(new org.mediamonitor.model.SearchRequest("\"home team\"", null, null, null, null, null, 10, null)).total());
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
