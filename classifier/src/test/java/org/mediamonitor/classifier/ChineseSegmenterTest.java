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
    void concurrentCallersGetTheSameAnswerAsOne() throws Exception {
        String text = "行政院今天宣布新的經濟政策，陸委會表示兩岸關係備受關注。";
        List<String> expected = words(text);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<List<String>>> calls = java.util.Collections.nCopies(16, () -> words(text));
            for (Future<List<String>> result : pool.invokeAll(calls)) assertEquals(expected, result.get());
        } finally {
            pool.shutdown();
        }
    }
}
