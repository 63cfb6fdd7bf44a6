package org.mediamonitor.classifier;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class ChineseScriptTest {
    @Test
    void traditionalAndSimplifiedFoldToOneForm() {
        assertEquals("台湾", ChineseScript.fold("臺灣"));
        assertEquals("台湾", ChineseScript.fold("台灣"));
        assertEquals("两岸关系", ChineseScript.fold("兩岸關係"));
    }

    @Test
    void variantsThatPeopleMixFoldTogether() {
        assertEquals(ChineseScript.fold("这里"), ChineseScript.fold("這裡"));
        assertEquals(ChineseScript.fold("这里"), ChineseScript.fold("這裏"));
        assertEquals(ChineseScript.fold("看着"), ChineseScript.fold("看著"));
        assertEquals(ChineseScript.fold("高峰"), ChineseScript.fold("高峯"));
        assertEquals(ChineseScript.fold("保卫"), ChineseScript.fold("保衞"));
    }

    @Test
    void lengthAndOtherCharactersAreKept() {
        String text = "Taiwan 臺灣 2018，𠀋";
        String folded = ChineseScript.fold(text);
        assertEquals(text.length(), folded.length());
        assertEquals("Taiwan 台湾 2018，𠀋", folded);
    }
}
