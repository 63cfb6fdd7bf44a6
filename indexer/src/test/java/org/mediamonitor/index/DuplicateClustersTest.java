package org.mediamonitor.index;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediamonitor.model.Classification;
import org.mediamonitor.model.Item;
import org.mediamonitor.model.Label;

class DuplicateClustersTest {
    private static final String HANT = "中央社記者台北二十三日電，行政院今天召開院會，通過兩岸條例修正草案，"
            + "陸委會表示，修法目的在於強化國家安全，防範中國大陸的滲透與統戰，並保障臺灣民眾的權益。"
            + "立法院各黨團對草案意見分歧，在野黨批評行政院未與社會充分溝通，執政黨則認為修法刻不容緩。";
    private static final String HANS = "中央社记者台北二十三日电，行政院今天召开院会，通过两岸条例修正草案，"
            + "陆委会表示，修法目的在于强化国家安全，防范中国大陆的渗透与统战，并保障台湾民众的权益。"
            + "立法院各党团对草案意见分歧，在野党批评行政院未与社会充分沟通，执政党则认为修法刻不容缓。"
            + "（编辑：王小明）";
    private static final String HANT_EDITED = "（中央社台北電）行政院今天召開院會，通過兩岸條例修正草案，"
            + "陸委會表示，修法目的在於強化國家安全，防範中國大陸的滲透與統戰，並保障臺灣民眾的權益。"
            + "立法院各黨團對草案意見分歧，在野黨批評行政院未與社會充分溝通，執政黨則認為修法刻不容緩。";
    private static final String OTHER = "陸委會今天表示，中國大陸軍機連日擾台，國防部已密切監控，"
            + "並呼籲北京當局停止挑釁行為，兩岸應以對話取代對抗，共同維護台海和平穩定，政府將持續強化國防。";

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

    private Item add(String id, String source, String lang, String text, String day) throws Exception {
        return index.add(new Item(id, "https://" + source + ".example/" + id, source, "兩岸條例", text,
                Instant.parse(day + "T02:00:00Z"), null, lang, Instant.EPOCH,
                new Classification(true, Label.BALANCED, 0.7, List.of(), "model:test", Instant.EPOCH), null));
    }

    @Test
    void nearCopiesInBothScriptsAcrossOutletsFormOneClusterAndOtherStoriesStayApart() throws Exception {
        add("cna", "cna", "zh-Hant", HANT, "2018-03-23");
        index.commit(); // the first copy is searchable, the others are not yet: both paths are taken
        add("mainland", "portal", "zh-Hans", HANS, "2018-03-23");
        add("edited", "daily", "zh-Hant", HANT_EDITED, "2018-03-24");
        add("other", "cna", "zh-Hant", OTHER, "2018-03-24");
        index.commit();

        assertEquals("cna", index.get("mainland").orElseThrow().cluster());
        assertEquals("cna", index.get("edited").orElseThrow().cluster());
        assertEquals("other", index.get("other").orElseThrow().cluster());
        assertEquals(Set.of("cna", "mainland", "edited"),
                index.members("cna").stream().map(Item::id).collect(Collectors.toSet()));
        assertEquals(2, index.countByLabel(Instant.parse("2017-12-31T16:00:00Z"), Instant.parse("2018-12-31T16:00:00Z")).total());
    }

    private static ItemIndex.Incoming incoming(String id, String source, String lang, String text, String day) {
        return new ItemIndex.Incoming(new Item(id, "https://" + source + ".example/" + id, source, "兩岸條例", text,
                Instant.parse(day + "T02:00:00Z"), null, lang, Instant.EPOCH,
                new Classification(true, Label.BALANCED, 0.7, List.of(), "model:test", Instant.EPOCH), null), null, null);
    }

    @Test
    void copiesInOneBatchJoinTheClusterOfTheFirstAndAnEarlierCopyMovesTheClusterToItsDay() throws Exception {
        // into an empty index: the cluster's start moves before any document of it is stored
        List<Item> stored = index.addAll(List.of(
                incoming("edited", "daily", "zh-Hant", HANT_EDITED, "2018-03-24"),
                incoming("other", "cna", "zh-Hant", OTHER, "2018-03-24"),
                incoming("mainland", "portal", "zh-Hans", HANS, "2018-03-22")));
        assertEquals(List.of("edited", "other", "edited"), stored.stream().map(Item::cluster).toList());
        index.commit();
        index.addAll(List.of(incoming("cna", "cna", "zh-Hant", HANT, "2018-03-21")));
        index.commit();
        assertEquals("edited", index.get("cna").orElseThrow().cluster());
        assertEquals(Set.of("cna", "mainland", "edited"),
                index.members("edited").stream().map(Item::id).collect(Collectors.toSet()));
        // the story counts once, on the day of its earliest copy
        assertEquals(1, index.countByLabel(Instant.parse("2018-03-20T16:00:00Z"), Instant.parse("2018-03-21T16:00:00Z")).total());
        assertEquals(1, index.countByLabel(Instant.parse("2018-03-21T16:00:00Z"), Instant.parse("2018-12-31T16:00:00Z")).total(),
                "only the other story counts after the first day");
    }

    @Test
    void signaturesOfScriptVariantsAgreeAndShortTextsHaveNoBands() {
        DuplicateClusters.Signature hant = DuplicateClusters.of(HANT), hans = DuplicateClusters.of(HANS);
        long shared = hant.bands().stream().filter(hans.bands()::contains).count();
        assertTrue(shared >= DuplicateClusters.MIN_SHARED_BANDS, "shared bands: " + shared);
        assertNotEquals(hant.fingerprint(), hans.fingerprint(), "the editor's note makes it a near copy, not an exact one");
        assertEquals(DuplicateClusters.of("臺灣的民主").fingerprint(), DuplicateClusters.of("台湾的民主").fingerprint());
        assertEquals(List.of(), DuplicateClusters.of("Taiwan wins.").bands());
        long sharedWithOther = hant.bands().stream().filter(DuplicateClusters.of(OTHER).bands()::contains).count();
        assertTrue(sharedWithOther < DuplicateClusters.MIN_SHARED_BANDS);
    }
}
