package org.mediamonitor.index;

import java.io.IOException;
import java.util.List;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.uhighlight.OffsetsEnum;
import org.apache.lucene.search.uhighlight.PostingsOffsetStrategy;
import org.apache.lucene.search.uhighlight.UHComponents;
import org.apache.lucene.util.BytesRef;

/**
 * Offsets of the query's terms from the postings, for the highlighter, with each term looked up once
 * per segment and its postings moved forward from one hit to the next. Lucene's strategy looks every
 * term up again for each hit and reads its postings from the start of their block, which for a page of
 * twenty hits and a Chinese query (its words, their character pairs, their cross-strait counterparts)
 * is hundreds of look-ups. The highlighter asks for a segment's hits in the order of their numbers; a
 * hit before the one a term's postings stand on is served by a fresh look-up, so any order is right.
 * One instance serves one highlighting call, on one thread.
 */
final class ForwardPostings extends PostingsOffsetStrategy {
    private Terms terms;
    private BytesRef[] termsSought;
    private TermsEnum termsEnum;
    private PostingsEnum[] postings;
    private boolean[] absent;
    private int[] served;

    ForwardPostings(UHComponents components) {
        super(components);
    }

    @Override
    protected void createOffsetsEnumsForTerms(BytesRef[] sourceTerms, Terms termsIndex, int doc, List<OffsetsEnum> results)
            throws IOException {
        if (termsIndex != terms || sourceTerms != termsSought) {
            terms = termsIndex;
            termsSought = sourceTerms;
            termsEnum = termsIndex.iterator();
            postings = new PostingsEnum[sourceTerms.length];
            absent = new boolean[sourceTerms.length];
            served = new int[sourceTerms.length];
            java.util.Arrays.fill(served, -1);
        }
        for (int i = 0; i < sourceTerms.length; i++) {
            if (absent[i]) continue;
            PostingsEnum p = postings[i];
            // postings already read for this hit, or moved past it, cannot serve it: look the term up again
            if (p == null || p.docID() > doc || served[i] == doc) {
                if (!termsEnum.seekExact(sourceTerms[i])) {
                    absent[i] = true;
                    continue;
                }
                p = postings[i] = termsEnum.postings(null, PostingsEnum.OFFSETS);
                if (p == null) throw new IllegalArgumentException("field '" + getField() + "' was indexed without offsets, cannot highlight");
            }
            int at = p.docID() < doc ? p.advance(doc) : p.docID();
            if (at == doc) {
                served[i] = doc;
                results.add(new OffsetsEnum.OfPostings(sourceTerms[i], p));
            }
        }
    }
}
