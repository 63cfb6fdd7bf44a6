package org.mediamonitor.classifier;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WordRepairTest {
    private final WordRepair repair = new WordRepair();

    /** Repairs the segmentation given as words separated by spaces; returns it the same way. */
    private String repaired(String segmented) {
        String line = segmented.replace(" ", "");
        List<int[]> spans = new ArrayList<>();
        int at = 0;
        for (String word : segmented.split(" ")) {
            spans.add(new int[] {at, at + word.length()});
            at += word.length();
        }
        List<String> words = new ArrayList<>();
        for (int[] span : repair.repair(line, spans)) words.add(line.substring(span[0], span[1]));
        return String.join(" ", words);
    }

    @Test
    void marksGluedToWordsBecomeWordsOfTheirOwn() {
        assertEquals("3 ℃ ／ － 8 ℃", repaired("3 ℃／－8℃"));
        assertEquals("看 中策 组 ？", repaired("看 中策 组？"));
    }

    @Test
    void marksInsideNumbersAndAbbreviationsStay() {
        assertEquals("3.5% 和 1,000 人 10:30 6﹕1 U.S.", repaired("3.5% 和 1,000 人 10:30 6﹕1 U.S."));
    }

    @Test
    void aRepeatedMarkIsOneWord() {
        assertEquals("他 说 —— 好 ……", repaired("他 说 ——好 ……"));
    }

    @Test
    void yearsMonthsAndDaysAfterAMonthAreOneWord() {
        assertEquals("1998年 7月 3日 出发", repaired("1998 年 7 月 3 日 出发"));
        assertEquals("二○○○年 十二月", repaired("二○○○ 年 十二 月"));
    }

    @Test
    void countsOfYearsAndBareDaysStayApart() {
        assertEquals("过去 五 年 ， 3 日 举行", repaired("过去 五 年 ， 3 日 举行"));
    }

    @Test
    void piecesOfAKnownNameAreJoinedButNoWordIsSplit() {
        assertEquals("蔡英文 访问 陆委会", repaired("蔡 英文 访问 陆委 会"));
        assertEquals("台北市 长", repaired("台北 市 长"));
        assertEquals("台北市长", repaired("台北市长"));
    }
}
