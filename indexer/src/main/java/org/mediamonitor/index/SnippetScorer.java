package org.mediamonitor.index;

import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.util.BytesRef;

/**
 * Ranks the passages a snippet may show, by the same BM25-like formula as Lucene's {@link PassageScorer}
 * (each distinct query term's frequency in the passage, weighed by its frequency in the document, and
 * earlier passages first), but finds the distinct terms of a passage by comparing its few matches
 * rather than building a hash table of them for every passage looked at, which was most of the
 * snippets' cost.
 */
final class SnippetScorer extends PassageScorer {
    static final SnippetScorer INSTANCE = new SnippetScorer();

    private SnippetScorer() {
        super();
    }

    @Override
    public float score(Passage passage, int contentLength) {
        int matches = passage.getNumMatches();
        BytesRef[] terms = passage.getMatchTerms();
        int[] inDocument = passage.getMatchTermFreqsInDoc();
        float score = 0;
        for (int i = 0; i < matches; i++) {
            boolean seen = false;
            for (int j = 0; j < i && !seen; j++) seen = terms[j].bytesEquals(terms[i]);
            if (seen) continue;
            int inPassage = 1;
            for (int j = i + 1; j < matches; j++) {
                if (terms[j].bytesEquals(terms[i])) inPassage++;
            }
            score += tf(inPassage, passage.getLength()) * weight(contentLength, inDocument[i]);
        }
        return score * norm(passage.getStartOffset());
    }
}
