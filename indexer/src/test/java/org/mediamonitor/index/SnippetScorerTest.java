package org.mediamonitor.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

class SnippetScorerTest {
    private static Passage passage(int start, int end, Object... matches) {
        Passage p = new Passage();
        p.setStartOffset(start);
        p.setEndOffset(end);
        for (int i = 0; i < matches.length; i += 2) {
            int at = start + i * 3;
            p.addMatch(at, at + 2, new BytesRef((String) matches[i]), (Integer) matches[i + 1]);
        }
        return p;
    }

    @Test
    void scoresPassagesAsLucenesScorerDoes() {
        PassageScorer lucene = new PassageScorer();
        Passage[] passages = {
            passage(0, 120, "taiwan", 4),
            passage(300, 420, "taiwan", 4, "taiwan", 4, "election", 1),
            passage(900, 960, "election", 1, "taiwan", 4, "election", 1, "vote", 2),
            passage(50, 80),
        };
        for (Passage p : passages) {
            assertEquals(lucene.score(p, 5000), SnippetScorer.INSTANCE.score(p, 5000), 1e-6f, p.toString());
        }
    }

    @Test
    void aPassageWithMoreOfTheQueryWins() {
        Passage one = passage(0, 100, "taiwan", 3);
        Passage both = passage(100, 200, "taiwan", 3, "election", 2);
        assertTrue(SnippetScorer.INSTANCE.score(both, 3000) > SnippetScorer.INSTANCE.score(one, 3000));
    }
}
