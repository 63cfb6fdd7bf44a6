package org.mediamonitor.classifier;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Uses the process-wide segmenter: the CoreNLP model loads once for every test in this JVM. */
class ChineseSegmenterTest {
    private final ChineseSegmenter segmenter = ChineseSegmenter.shared();

    private List<String> words(String text) {
        return segmenter.segment(text).stream().map(ChineseSegmenter.Word::text).toList();
    }

    @Test
    void traditionalAndSimplifiedVersionsOfOneSentenceGiveTheSameWords() {
        String hant = "網民在社交媒體上批評價格太高。";
        String hans = "网民在社交媒体上批评价格太高。";
        List<String> traditional = words(hant);
        assertTrue(traditional.contains("批評") && traditional.contains("價格"), traditional.toString());
        assertEquals(words(hans), segmenter.segment(hant).stream().map(ChineseSegmenter.Word::simplified).toList());
    }

    @Test
    void byScriptEachScriptGoesToItsModelAndTextOfNeitherScriptToTheTraditionalOne() {
        ChineseSegmenter.Configuration byScript = ChineseSegmenter.Configuration.BY_SCRIPT;
        ChineseSegmenter both = ChineseSegmenter.load(byScript);
        ChineseSegmenter traditionalModel = ChineseSegmenter.load(new ChineseSegmenter.Configuration(byScript.model(), true, true));
        ChineseSegmenter simplifiedModel = ChineseSegmenter.load(new ChineseSegmenter.Configuration(byScript.simplifiedModel(), true, true));
        // sentences that the two models split differently (surname and given name apart or together)
        String hans = "王小明会见了来访的外国客人。";
        String hant = "王小明會見了來訪的外國客人。";
        String neither = "王小明今天上午去公司上班";
        assertNotEquals(simplifiedModel.segment(hans), traditionalModel.segment(hans));
        assertNotEquals(simplifiedModel.segment(neither), traditionalModel.segment(neither));
        assertEquals(simplifiedModel.segment(hans), both.segment(hans));
        assertEquals(traditionalModel.segment(hant), both.segment(hant));
        assertEquals(traditionalModel.segment(neither), both.segment(neither));
    }

    @Test
    void keyTermsOfCrossStraitNewsAreWholeWordsInBothScripts() {
        assertTrue(words("兩岸關係穩定。").contains("兩岸"), words("兩岸關係穩定。").toString());
        assertTrue(words("蔡英文今天在台北市出席活动").containsAll(List.of("蔡英文", "台北市")));
        assertEquals(List.of("1998年", "7月", "3日"), words("1998年7月3日").subList(0, 3));
    }

    @Test
    void hongKongsPlacesAreWholeWords() {
        // the model splits a district of Hong Kong that it does not know: 尖 沙嘴
        List<String> words = words("尖沙嘴酒店區前晚亦停電，中間道一帶受影響。");
        assertTrue(words.contains("尖沙嘴"), words.toString());
    }

    @Test
    void theModelKnowsTaiwansNamesWhereTheyCrossItsOwnWords() {
        // without the names the model reads 台南 市民 政局 ("Tainan", "citizens", "political bureau"):
        // the pass after the model cannot join 台南市 without splitting a word, the model itself can
        for (String text : List.of("台南市民政局今天表示", "臺南市民政局今天表示")) {
            List<String> words = words(text);
            assertTrue(words.containsAll(List.of(text.substring(0, 3), text.substring(3, 6))), words.toString());
        }
    }

    @Test
    void offsetsPointAtTheOriginalCharacters() {
        String text = "臺灣 總統\n今天表示，兩岸關係穩定。";
        for (ChineseSegmenter.Word word : segmenter.segment(text)) {
            assertEquals(word.text(), text.substring(word.start(), word.end()));
            assertFalse(word.text().isBlank());
        }
        assertEquals("今天", segmenter.segment(text).stream().filter(w -> w.start() == 6).findFirst().orElseThrow().text());
    }

    @Test
    void simplifiedTextIsLeftAsItIsAndTraditionalTextIsDetected() {
        assertFalse(segmenter.isTraditional("他著有一本书，台湾当局表示欢迎。"));
        assertTrue(segmenter.isTraditional("臺灣當局表示歡迎。"));
        assertEquals("他著有一本书", segmenter.toSimplified("他著有一本书"));
    }

    @Test
    void traditionalWordsAreConvertedAsWordsNotCharacterByCharacter() {
        // 計畫 and 沈重 are 计划 and 沉重 in Simplified writing; the characters alone would give 计画 and 沈重
        String text = "主持這項研究計畫的局長說，新台幣匯率貶值壓力沈重。";
        assertEquals("主持这项研究计划的局长说，新台币汇率贬值压力沉重。", segmenter.toSimplified(text));
        List<String> simplified = segmenter.segment(text).stream().map(ChineseSegmenter.Word::simplified).toList();
        assertTrue(simplified.contains("计划") && simplified.contains("沉重"), simplified.toString());
        // a conversion that would change the length of a run falls back to one character at a time
        assertEquals(text.length(), segmenter.toSimplified(text).length());
    }

    @Test
    void concurrentCallersGetTheSameAnswerAsOne() throws Exception {
        // no lock is held around the CRF: many threads segmenting different texts at once must agree with one thread
        List<String> texts = List.of(
                "行政院今天宣布新的經濟政策，陸委會表示兩岸關係備受關注。",
                "国务院台湾事务办公室发言人今天在北京举行记者会。",
                "香港特區政府今日公布第一季經濟數據，本地生產總值按年上升百分之三。",
                "台北市長昨天視察捷運工程，並與市議員討論預算。",
                "美国国务院表示，将继续依照《台湾关系法》向台湾提供防御性武器。",
                "2018年3月23日，立法院三讀通過《台灣旅行法》相關修正案。",
                "奥巴马和特朗普都曾就朝鲜核问题发表讲话。",
                "高雄港貨櫃吞吐量去年成長百分之五點二，創下新高。");
        List<List<String>> expected = new java.util.ArrayList<>();
        for (String text : texts) expected.add(words(text));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Boolean>> calls = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int shift = t;
                calls.add(() -> {
                    for (int round = 0; round < 5; round++) {
                        for (int i = 0; i < texts.size(); i++) {
                            int k = (i + shift) % texts.size();
                            assertEquals(expected.get(k), words(texts.get(k)));
                        }
                    }
                    return true;
                });
            }
            for (Future<Boolean> result : pool.invokeAll(calls)) assertTrue(result.get());
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void theSharedSegmenterIsLoadedOnce() {
        assertSame(segmenter, ChineseSegmenter.shared());
        assertSame(segmenter, ChineseSegmenter.load(ChineseSegmenter.Configuration.DEFAULT));
        assertThrows(IllegalArgumentException.class, () -> new ChineseSegmenter.Configuration("msr", true, true));
        assertThrows(IllegalArgumentException.class, () -> new ChineseSegmenter.Configuration("ctb.small", true, true, "msr"));
    }
}
