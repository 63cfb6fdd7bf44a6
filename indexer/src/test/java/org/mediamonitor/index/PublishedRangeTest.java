package org.mediamonitor.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.Weight;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The period filter against Lucene's range of points: the same documents, alone and with a word, in
 * segments kept newest first (where it is a run of document numbers) and in segments written in the
 * order of arrival, with equal times, deleted documents and bounds that fall on, between and outside
 * the times.
 */
class PublishedRangeTest {
    private static final Sort NEWEST_FIRST = new Sort(
            new SortField(IndexSchema.PUBLISHED, SortField.Type.LONG, true), new SortField(IndexSchema.ID, SortField.Type.STRING));
    private static final long T0 = 1_500_000_000_000L;

    @TempDir
    Path folder;

    @Test
    void sameDocumentsAsThePointsInSegmentsKeptNewestFirst() throws Exception {
        compare(true);
    }

    @Test
    void sameDocumentsAsThePointsInSegmentsInTheOrderOfArrival() throws Exception {
        compare(false);
    }

    private void compare(boolean newestFirst) throws Exception {
        Random random = new Random(newestFirst ? 11 : 12);
        IndexWriterConfig config = new IndexWriterConfig(new StandardAnalyzer());
        if (newestFirst) config.setIndexSort(NEWEST_FIRST);
        try (FSDirectory dir = FSDirectory.open(folder.resolve(newestFirst ? "sorted" : "arrival"));
             IndexWriter writer = new IndexWriter(dir, config)) {
            for (int i = 0; i < 2000; i++) {
                long minute = random.nextInt(300); // many documents share a time
                Document d = new Document();
                String id = "i" + i;
                d.add(new StringField(IndexSchema.ID, id, Field.Store.YES));
                d.add(new SortedDocValuesField(IndexSchema.ID, new BytesRef(id)));
                d.add(new LongPoint(IndexSchema.PUBLISHED, T0 + 60_000L * minute));
                d.add(new NumericDocValuesField(IndexSchema.PUBLISHED, T0 + 60_000L * minute));
                d.add(new StringField("word", random.nextInt(3) == 0 ? "a" : "b", Field.Store.NO));
                writer.addDocument(d);
                if (i % 450 == 449) writer.commit(); // several segments
                if (i % 97 == 0) writer.deleteDocuments(new Term(IndexSchema.ID, "i" + random.nextInt(i + 1)));
            }
            writer.commit();
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                assertTrue(reader.leaves().size() > 1);
                for (LeafReaderContext leaf : reader.leaves()) {
                    assertEquals(newestFirst ? NEWEST_FIRST : null, leaf.reader().getMetaData().sort());
                }
                IndexSearcher searcher = new IndexSearcher(reader);
                searcher.setQueryCache(null);
                long[][] bounds = {{T0, T0 + 60_000L * 299}, {T0 + 60_000L * 10, T0 + 60_000L * 10}, {T0 + 60_000L * 10 + 1, T0 + 60_000L * 11 - 1},
                        {T0 - 5, T0 - 1}, {T0 + 60_000L * 400, Long.MAX_VALUE}, {Long.MIN_VALUE, T0 + 60_000L * 150}, {T0 + 60_000L * 200, T0 + 60_000L * 100}};
                for (int r = 0; r < 60; r++) {
                    long lo, hi;
                    if (r < bounds.length) {
                        lo = bounds[r][0];
                        hi = bounds[r][1];
                    } else {
                        lo = T0 + 60_000L * random.nextInt(300) + (random.nextBoolean() ? 0 : random.nextInt(60_000));
                        hi = lo + 60_000L * random.nextInt(120) - (random.nextBoolean() ? 0 : 1);
                    }
                    Query ours = new PublishedRange(NEWEST_FIRST, lo, hi);
                    Query points = LongPoint.newRangeQuery(IndexSchema.PUBLISHED, lo, hi);
                    assertEquals(ids(searcher, points), ids(searcher, ours), "from " + lo + " to " + hi);
                    assertEquals(searcher.count(points), searcher.count(ours), "count from " + lo + " to " + hi);
                    Query word = new TermQuery(new Term("word", "a"));
                    assertEquals(ids(searcher, both(word, points)), ids(searcher, both(word, ours)), "with a word, from " + lo + " to " + hi);
                }
                // kept newest first, a segment's period is a run of documents whose length is known before reading any
                Weight weight = searcher.createWeight(searcher.rewrite(new PublishedRange(NEWEST_FIRST, T0, T0 + 60_000L * 99)),
                        ScoreMode.COMPLETE_NO_SCORES, 1);
                for (LeafReaderContext leaf : reader.leaves()) {
                    ScorerSupplier supplier = weight.scorerSupplier(leaf);
                    long inPeriod = 0;
                    for (long t : Columns.published(leaf.reader())) if (t <= T0 + 60_000L * 99) inPeriod++;
                    if (newestFirst) {
                        assertEquals(inPeriod, supplier == null ? 0 : supplier.cost(), "a run of every document of the period, deleted or not");
                        assertFalse(weight.isCacheable(leaf), "a run is not cached");
                    }
                }
            }
        }
    }

    private static Query both(Query word, Query period) {
        return new BooleanQuery.Builder().add(word, Occur.MUST).add(period, Occur.FILTER).build();
    }

    private static Set<String> ids(IndexSearcher searcher, Query query) throws Exception {
        Set<String> ids = new TreeSet<>();
        StoredFields stored = searcher.getIndexReader().storedFields();
        for (ScoreDoc sd : searcher.search(query, 10_000).scoreDocs) ids.add(stored.document(sd.doc).get(IndexSchema.ID));
        return ids;
    }

    @Test
    void firstAtOrBelowFindsTheStartOfARunInTimesThatNeverIncrease() {
        long[] times = {9, 9, 7, 7, 7, 4, 1};
        assertEquals(0, PublishedRange.firstAtOrBelow(times, 10));
        assertEquals(0, PublishedRange.firstAtOrBelow(times, 9));
        assertEquals(2, PublishedRange.firstAtOrBelow(times, 8));
        assertEquals(2, PublishedRange.firstAtOrBelow(times, 7));
        assertEquals(5, PublishedRange.firstAtOrBelow(times, 6));
        assertEquals(6, PublishedRange.firstAtOrBelow(times, 1));
        assertEquals(7, PublishedRange.firstAtOrBelow(times, 0));
        assertEquals(0, PublishedRange.firstAtOrBelow(new long[0], 5));
    }
}
