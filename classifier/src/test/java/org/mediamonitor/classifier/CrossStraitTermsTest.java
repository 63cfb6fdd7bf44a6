package org.mediamonitor.classifier;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrossStraitTermsTest {
    private final CrossStraitTerms terms = CrossStraitTerms.shared();

    @Test
    void termsFromEitherSideNameOneConcept() {
        String councilSimplified = terms.groupOf("陆委会").orElseThrow().name();
        assertEquals(councilSimplified, terms.groupOf("陸委會").orElseThrow().name());
        assertEquals(councilSimplified, terms.groupOf("大陸委員會").orElseThrow().name());
        assertEquals(terms.groupOf("台湾当局"), terms.groupOf("臺灣政府"));
        assertEquals(terms.groupOf("大陆"), terms.groupOf("中國大陸"));
        assertEquals(terms.groupOf("软件"), terms.groupOf("軟體"));
        assertTrue(terms.groupOf("天气").isEmpty());
    }

    @Test
    void scriptSpellingsNeedNoLineOfTheirOwn() {
        // 臺灣當局 is listed; 台灣當局 and 台湾当局 fold to the same form
        assertEquals(terms.groupOf("臺灣當局"), terms.groupOf("台灣當局"));
        assertEquals(terms.groupOf("兩岸"), terms.groupOf("两岸"));
    }

    @Test
    void termsAreFoundAtWordBoundariesLongestFirst() {
        String text = "中國國民黨批評中國大陸";
        boolean[] everywhere = new boolean[text.length() + 1];
        Arrays.fill(everywhere, true);
        List<CrossStraitTerms.Match> found = terms.find(text, everywhere);
        assertEquals(List.of("kmt", "mainland-china"), found.stream().map(m -> m.group().name()).toList());
        assertEquals(List.of(0, 7), found.stream().map(CrossStraitTerms.Match::start).toList());

        boolean[] wordsOnly = new boolean[text.length() + 1]; // 中國國民黨 批評 中國大陸 as words, but not 中國 alone
        for (int b : new int[] {0, 5, 7, 11}) wordsOnly[b] = true;
        assertEquals(2, terms.find(text, wordsOnly).size());
        wordsOnly[9] = true; // 中國 大陸 as two words: the longest term still wins
        assertEquals("mainland-china", terms.find(text, wordsOnly).get(1).group().name());
        assertEquals(11, terms.find(text, wordsOnly).get(1).end());
    }

    @Test
    void everyGroupHasACanonicalFormInOneScript() {
        for (CrossStraitTerms.Group group : terms.groups()) {
            assertEquals(ChineseScript.fold(group.canonical()), group.canonical(), group.name());
            assertTrue(group.terms().size() >= 2, group.name());
        }
    }
}
