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
        assertEquals("3 ℃ ／ －8 ℃", repaired("3 ℃／－8℃"));
        assertEquals("3 － 8 ℃", repaired("3－8 ℃"));
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

    @Test
    void aMinusSignBeforeANumberAndAPercentSignAfterOneBelongToIt() {
        assertEquals("气温 －5 至 3 ℃", repaired("气温 － 5 至 3 ℃"));
        assertEquals("3 － 5 天", repaired("3 － 5 天"));
        assertEquals("增加 五％ 和 18.3％", repaired("增加 五 ％ 和 18.3 ％"));
        assertEquals("他 说 ％", repaired("他 说 ％"));
    }

    @Test
    void aNumberGluedToTheWordBeforeItIsSplitOffButOrdinalsAndNumeralsKeepTheirDigits() {
        assertEquals("小雨 2 到 3 毫米", repaired("小雨2 到 3 毫米"));
        assertEquals("第2 名", repaired("第2 名"));
        assertEquals("二０００年", repaired("二０００ 年"));
    }

    @Test
    void clockTimesAndTaiwanYearsBeforeAMonthAreWords() {
        assertEquals("晚 8时 30分 出发", repaired("晚 8 时 30 分 出发"));
        assertEquals("八十四年 三月", repaired("八十四 年 三月"));
        assertEquals("民国 八十四年", repaired("民国 八十四 年"));
        assertEquals("过去 二十 年", repaired("过去 二十 年"));
    }

    @Test
    void aNameWrittenWithAMiddleDotIsOneWord() {
        assertEquals("瓦历斯‧尤干 的 诗", repaired("瓦历斯 ‧ 尤干 的 诗"));
        assertEquals("戴维·米拉克 说", repaired("戴维·米拉 克 说"));
        assertEquals("歌剧 ‧ 圣乐", repaired("歌剧 ‧ 圣乐"));
    }
}
