package org.mediamonitor.index;

import static org.junit.jupiter.api.Assertions.*;

import java.text.BreakIterator;
import java.text.StringCharacterIterator;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SentenceBreaksTest {

    private static List<String> sentences(String text) {
        BreakIterator breaks = new SentenceBreaks();
        breaks.setText(text);
        List<String> out = new ArrayList<>();
        for (int start = breaks.first(), end = breaks.next(); end != BreakIterator.DONE; start = end, end = breaks.next()) {
            out.add(text.substring(start, end));
        }
        return out;
    }

    @Test
    void englishSentencesEndAtAStopFollowedBySpaceAndNotAtAnAbbreviation() {
        assertEquals(List.of("U.S. officials met on Monday. ", "Was it useful? ", "\"Yes,\" they said.\" ", "It was."),
                sentences("U.S. officials met on Monday. Was it useful? \"Yes,\" they said.\" It was."));
        // a decimal point is no stop, and a lower-case word after a stop continues the sentence
        assertEquals(List.of("The rate was 2.5 per cent. e.g. this stays. ", "Next."),
                sentences("The rate was 2.5 per cent. e.g. this stays. Next."));
    }

    @Test
    void chineseSentencesEndAtFullWidthStopsAndLinesAtLineBreaks() {
        assertEquals(List.of("陸委會今天表示，兩岸交流應對等。", "「這是原則！」", "官員說。\n", "第二段"),
                sentences("陸委會今天表示，兩岸交流應對等。「這是原則！」官員說。\n第二段"));
        assertEquals(List.of("Headline\n", "First line.\n", "Second."), sentences("Headline\nFirst line.\nSecond."));
    }

    @Test
    void boundariesFoundOnceServeTheSameTextInstanceAndNoOther() {
        String text = "First sentence here. Second one follows.\n第三句。第四句";
        int[] found = SentenceBreaks.of(text);
        assertArrayEquals(new int[] {0, 21, 41, 45, 48}, found);
        // boundaries given for this instance are used as they are, without reading the text
        int[] given = {0, 6, text.length()};
        Map<String, int[]> known = new IdentityHashMap<>();
        known.put(text, given);
        BreakIterator breaks = new SentenceBreaks(known);
        breaks.setText(text);
        assertEquals(6, breaks.following(0));
        assertEquals(text.length(), breaks.next());
        // an equal text that is another instance is read afresh
        String copy = new String(text.toCharArray());
        breaks.setText(copy);
        assertEquals(21, breaks.following(0));
        assertEquals(List.of(), sentences(""));
        assertArrayEquals(new int[] {0}, SentenceBreaks.of(""));
    }

    @Test
    void followingAndPrecedingAnswerLikeTheJdksIterator() {
        String text = "One sentence here. Another one follows. And a third.";
        BreakIterator ours = new SentenceBreaks(), jdk = BreakIterator.getSentenceInstance(java.util.Locale.ROOT);
        ours.setText(new StringCharacterIterator(text));
        jdk.setText(text);
        for (int offset = 0; offset <= text.length(); offset++) {
            assertEquals(jdk.following(Math.min(offset, text.length())), ours.following(offset), "following " + offset);
            assertEquals(jdk.current(), ours.current(), "current after following " + offset);
            assertEquals(jdk.preceding(offset), ours.preceding(offset), "preceding " + offset);
            assertEquals(jdk.current(), ours.current(), "current after preceding " + offset);
            assertEquals(jdk.isBoundary(offset), ours.isBoundary(offset), "isBoundary " + offset);
        }
        assertEquals(0, ours.first());
        assertEquals(text.length(), ours.last());
        assertEquals(BreakIterator.DONE, ours.next());
        assertThrows(IllegalArgumentException.class, () -> ours.following(text.length() + 1));
    }
}
