package org.mediamonitor.index;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediamonitor.model.Classification;
import org.mediamonitor.model.Item;
import org.mediamonitor.model.Label;
import org.mediamonitor.model.SearchHit;
import org.mediamonitor.model.SearchRequest;
import org.mediamonitor.model.Source;
import org.mediamonitor.model.SourceKind;

class QueryLanguageTest {
    @TempDir
    Path folder;
    private ItemIndex index;

    @BeforeEach
    void open() throws Exception {
        List<Source> sources = List.of(
                new Source("herald", "Herald", "https://herald.example/feed", "en", "us", SourceKind.NEWS, false, true),
                new Source("zhdaily", "Zh Daily", "https://zh.example/feed", "zh-Hant", "tw", SourceKind.OPINION, false, true));
        index = new ItemIndex(folder.resolve("index"), new ItemIndex.Options(null,
                id -> sources.stream().filter(s -> s.id().equals(id)).findFirst().orElse(null), folder.resolve("state"), null));
        add("a", "herald", "en", "Taiwan trade talks", "Taiwan and Japan agreed on trade. The talks were long.", "2018-03-05T02:00:00Z", Label.POSITIVE);
        add("b", "herald", "en", "Japan weather", "Snow in Japan, while Taiwan saw rain far away from the trade talks.", "2018-07-01T02:00:00Z", Label.BALANCED);
        add("c", "herald", "en", "Taipei criticised", "Critics said Taipei mishandled the trade dispute.", "2019-01-02T02:00:00Z", Label.NEGATIVE);
        add("d", "zhdaily", "zh-Hant", "兩岸關係", "陸委會表示，兩岸關係需要對話。臺灣政府支持交流。", "2018-03-06T02:00:00Z", Label.BALANCED);
        add("e", "zhdaily", "zh-Hans", "台湾新闻", "台湾当局的政策受到批评。", "2018-12-31T17:00:00Z", null);
        index.commit();
    }

    private void add(String id, String source, String lang, String title, String text, String published, Label label) throws Exception {
        Classification verdict = label == null
                ? new Classification(false, null, 0.9, List.of(), "model:test", Instant.EPOCH)
                : new Classification(true, label, 0.8, List.of(), "model:test", Instant.EPOCH);
        index.add(new Item(id, "https://x.example/" + id, source, title, text, Instant.parse(published), null, lang,
                Instant.EPOCH, verdict, null));
    }

    @AfterEach
    void close() throws Exception {
        index.close();
    }

    private List<String> ids(String q) throws Exception {
        return index.search(new SearchRequest(q, null, null, null, null, null, 50, null)).items().stream()
                .map(SearchHit::id).sorted().toList();
    }

    @Test
    void booleanOperatorsAndMinus() throws Exception {
        assertEquals(List.of("a", "b"), ids("taiwan trade"));
        assertEquals(List.of("a", "b"), ids("taiwan AND trade"));
        assertEquals(List.of("a", "b", "c"), ids("taiwan OR taipei"));
        assertEquals(List.of("a"), ids("taiwan trade -snow"));
        assertEquals(List.of("a"), ids("taiwan trade NOT snow"));
        assertEquals(List.of("c", "d", "e"), ids("-japan"));
        assertEquals(List.of("a", "c"), ids("(taiwan OR taipei) AND trade -weather"));
    }

    @Test
    void phrasesAndProximity() throws Exception {
        assertEquals(List.of("a", "b"), ids("\"trade talks\""));
        assertEquals(List.of("a"), ids("\"taiwan and japan\""));
        assertEquals(List.of("a"), ids("taiwan NEAR/3 trade"));
        assertEquals(List.of("a", "b"), ids("taiwan NEAR/9 trade"));
        assertEquals(List.of("a", "b"), ids("japan NEAR/1 taiwan"), "either order");
        assertEquals(List.of(), ids("japan NEAR/0 taiwan"));
        // Chinese is indexed as character pairs: the distance counts characters
        assertEquals(List.of("d"), ids("兩岸 NEAR/6 對話"));
        assertEquals(List.of(), ids("兩岸 NEAR/3 對話"));
    }

    @Test
    void fieldsAndDates() throws Exception {
        assertEquals(List.of("a"), ids("title:taiwan"));
        assertEquals(List.of("d", "e"), ids("source:zhdaily"));
        assertEquals(List.of("e"), ids("lang:zh-hans"));
        assertEquals(List.of("c"), ids("label:negative"));
        assertEquals(List.of("e"), ids("label:not-relevant"));
        assertEquals(List.of("d", "e"), ids("country:tw"));
        assertEquals(List.of("a", "b", "c"), ids("kind:news"));
        assertEquals(List.of("a", "d"), ids("date:2018-03"));
        // 2018-12-31T17:00Z is 2019-01-01 in Taipei
        assertEquals(List.of("c", "e"), ids("date:2019"));
        assertEquals(List.of("a", "b", "d"), ids("date:[2018-01-01 TO 2018-12-31]"));
        assertEquals(List.of("b", "c", "e"), ids("date:[2018-04 TO *]"));
    }

    @Test
    void trailingWildcardAndBothScripts() throws Exception {
        assertEquals(List.of("a", "b", "c"), ids("tra*"));
        assertEquals(List.of("d", "e"), ids("臺灣 OR 兩岸"));
        assertEquals(List.of("d", "e"), ids("台湾"));
        assertEquals(List.of("d"), ids("\"两岸关系\""));
    }

    @Test
    void wildcardsThatStandForTooManyWordsAreRefused() throws Exception {
        for (int i = 0; i < ItemIndex.WILDCARD_CAP + 5; i++) {
            add("w" + i, "herald", "en", "Word list", "zebra" + Integer.toString(i, 36) + "x", "2017-01-01T00:00:00Z", null);
        }
        index.commit();
        var error = assertThrows(InvalidQueryException.class, () -> ids("title:list zebr*"));
        assertEquals(12, error.position());
        assertEquals(ItemIndex.WILDCARD_CAP + 5, index.search(new SearchRequest("title:list", null, null, null, null, null, 1, null)).total());
        long startingWithOne = java.util.stream.IntStream.range(0, ItemIndex.WILDCARD_CAP + 5)
                .filter(i -> Integer.toString(i, 36).startsWith("1")).count();
        assertEquals(startingWithOne, index.search(new SearchRequest("zebra1*", null, null, null, null, null, 1, null)).total());
    }

    @Test
    void errorsSayWhere() {
        assertEquals(17, assertThrows(InvalidQueryException.class, () -> ids("taiwan (trade OR")).position(), "end of query");
        assertEquals(8, assertThrows(InvalidQueryException.class, () -> ids("taiwan (trade OR china")).position(), "the open '('");
        assertEquals(8, assertThrows(InvalidQueryException.class, () -> ids("taiwan \"trade talks")).position());
        assertEquals(1, assertThrows(InvalidQueryException.class, () -> ids("foo:bar taiwan")).position());
        assertEquals(8, assertThrows(InvalidQueryException.class, () -> ids("taiwan NEAR/x trade")).position());
        assertEquals(1, assertThrows(InvalidQueryException.class, () -> ids("t*")).position());
        assertEquals(7, assertThrows(InvalidQueryException.class, () -> ids("label:great")).position(), "the value");
        assertEquals(6, assertThrows(InvalidQueryException.class, () -> ids("date:2018-13")).position());
        assertEquals(8, assertThrows(InvalidQueryException.class, () -> ids("taiwan ) trade")).position());
        InvalidQueryException e = assertThrows(InvalidQueryException.class, () -> ids("taiwan AND"));
        assertTrue(e.getMessage().contains("position 11"), e.getMessage());
    }
}
