package org.mediamonitor.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

/** Snippets are HTML: the text escaped, matches marked, overlapping matches one mark, passages joined. */
class MarkFormatterTest {
    private static Passage passage(int start, int end, int... matches) {
        Passage p = new Passage();
        p.setStartOffset(start);
        p.setEndOffset(end);
        for (int i = 0; i < matches.length; i += 2) p.addMatch(matches[i], matches[i + 1], new BytesRef("w"), 1);
        return p;
    }

    @Test
    void escapesTheTextInsideAndOutsideMarks() {
        String text = "Taipei & \"Beijing\" <b>talks</b> on <Taiwan&Co>.";
        int beijing = text.indexOf("Beijing"), taiwan = text.indexOf("<Taiwan&Co>");
        String out = new MarkFormatter().format(new Passage[] {passage(0, text.length(),
                beijing, beijing + 7, taiwan, taiwan + 11)}, text);
        assertEquals("Taipei &amp; &quot;<mark>Beijing</mark>&quot; &lt;b&gt;talks&lt;/b&gt; on "
                + "<mark>&lt;Taiwan&amp;Co&gt;</mark>.", out);
    }

    @Test
    void overlappingPairsMakeOneMarkAndPassagesAreJoined() {
        String text = "兩岸關係緊張。臺灣當局表示關切。";
        // character pairs 兩岸, 岸關, 關係 overlap: one mark; the second passage starts at 臺灣
        String out = new MarkFormatter().format(new Passage[] {passage(0, 7, 0, 2, 1, 3, 2, 4), passage(7, 16, 7, 9)}, text);
        assertEquals("<mark>兩岸關係</mark>緊張。 … <mark>臺灣</mark>當局表示關切。", out);
    }

    @Test
    void aPassageWithoutMatchesIsTheEscapedText() {
        String text = "  a<b  ";
        assertEquals("a&lt;b", new MarkFormatter().format(new Passage[] {passage(0, text.length())}, text));
    }
}
