package org.mediamonitor.api;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SegmentationScoreTest {
    @Test
    void aWordIsRightWhenItsSpanIsAGoldSpan() {
        SegmentationScore score = new SegmentationScore();
        // gold: 台湾 | 当局 | 表示 ; predicted: 台湾当局 | 表示 -> 1 right of 2 predicted, of 3 gold
        score.add(List.of("台湾", "当局", "表示"), List.of("台湾当局", "表示"), Set.of("台湾", "表示"));
        assertEquals(0.5, score.precision(), 1e-9);
        assertEquals(1.0 / 3, score.recall(), 1e-9);
        assertEquals(2 * 0.5 * (1.0 / 3) / (0.5 + 1.0 / 3), score.f(), 1e-9);
        assertEquals(1.0 / 3, score.oovRate(), 1e-9); // 当局 is not in the word list
        assertEquals(0.0, score.oovRecall(), 1e-9);
        assertEquals(0.5, score.ivRecall(), 1e-9);
    }

    @Test
    void sentencesAreSummedNotAveraged() {
        SegmentationScore score = new SegmentationScore();
        score.add(List.of("一"), List.of("一"), Set.of());
        score.add(List.of("二", "三", "四"), List.of("二三四"), Set.of());
        assertEquals(0.25, score.recall(), 1e-9);
        assertEquals(0.5, score.precision(), 1e-9);
    }

    @Test
    void inputAndGoldThatDifferInACharacterAreAligned() {
        // the gold lost the opening quotation mark to the previous line
        SegmentationScore score = new SegmentationScore();
        score.add(List.of("远望", "号", "”"), List.of("“", "远望", "号", "”"), Set.of());
        assertEquals(1.0, score.recall(), 1e-9);
        assertEquals(0.75, score.precision(), 1e-9);
    }
}
