package org.mediamonitor.index;

import java.io.IOException;
import java.util.Objects;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.ConstantScoreScorer;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.Weight;

/**
 * The items published from {@code lo} to {@code hi} (epoch milliseconds, both included). In a segment
 * kept newest first they are one run of document numbers, found by two binary searches in the
 * segment's column of times ({@link Columns#published}): no per-document work, and a conjunction with
 * it skips the postings of the other clauses outside the run. In a segment written in another order the
 * times' points answer ({@link LongPoint#newRangeQuery}). Lucene's own query for sorted segments finds
 * the run by walking the points' leaves, which costs more than the search it saves on small pages.
 */
final class PublishedRange extends Query {
    private final Sort newestFirst;
    private final long lo;
    private final long hi;
    private final Query points;

    /** @param newestFirst the index order in which the times are sorted, newest first (primary field: the time) */
    PublishedRange(Sort newestFirst, long lo, long hi) {
        this.newestFirst = newestFirst;
        this.lo = lo;
        this.hi = hi;
        this.points = LongPoint.newRangeQuery(IndexSchema.PUBLISHED, lo, hi);
    }

    @Override
    public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) throws IOException {
        Weight byPoints = points.createWeight(searcher, scoreMode, boost);
        return new ConstantScoreWeight(this, boost) {
            @Override
            public ScorerSupplier scorerSupplier(LeafReaderContext context) throws IOException {
                if (!newestFirst.equals(context.reader().getMetaData().sort())) return byPoints.scorerSupplier(context);
                int[] run = run(Columns.published(context.reader()));
                int first = run[0], end = run[1];
                if (first >= end) return null;
                float score = score();
                return new ScorerSupplier() {
                    @Override
                    public Scorer get(long leadCost) {
                        return new ConstantScoreScorer(score, scoreMode, DocIdSetIterator.range(first, end));
                    }

                    @Override
                    public long cost() {
                        return end - first;
                    }
                };
            }

            @Override
            public int count(LeafReaderContext context) throws IOException {
                if (context.reader().hasDeletions() || !newestFirst.equals(context.reader().getMetaData().sort())) {
                    return byPoints.count(context);
                }
                int[] run = run(Columns.published(context.reader()));
                return Math.max(0, run[1] - run[0]);
            }

            @Override
            public boolean isCacheable(LeafReaderContext context) {
                // a run costs nothing to find again; a cached set of its documents would cost memory and reads
                return !newestFirst.equals(context.reader().getMetaData().sort()) && byPoints.isCacheable(context);
            }
        };
    }

    /** The first document of the period and the one after its last, in times kept newest first (never increasing). */
    private int[] run(long[] times) {
        int end = lo == Long.MIN_VALUE ? times.length : firstAtOrBelow(times, lo - 1);
        return new int[] {firstAtOrBelow(times, hi), end};
    }

    /** The first document whose time is at most {@code time}, in times that never increase; the length if none. */
    static int firstAtOrBelow(long[] times, long time) {
        int low = 0, high = times.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (times[mid] <= time) high = mid;
            else low = mid + 1;
        }
        return low;
    }

    @Override
    public void visit(QueryVisitor visitor) {
        if (visitor.acceptField(IndexSchema.PUBLISHED)) visitor.visitLeaf(this);
    }

    @Override
    public String toString(String field) {
        return IndexSchema.PUBLISHED + ":[" + lo + " TO " + hi + "]";
    }

    @Override
    public boolean equals(Object other) {
        return sameClassAs(other) && ((PublishedRange) other).lo == lo && ((PublishedRange) other).hi == hi
                && ((PublishedRange) other).newestFirst.equals(newestFirst);
    }

    @Override
    public int hashCode() {
        return Objects.hash(classHash(), lo, hi);
    }
}
