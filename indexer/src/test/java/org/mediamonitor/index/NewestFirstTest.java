package org.mediamonitor.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page collector and the per-segment columns against Lucene's own: the same pages, cursor after
 * cursor, over segments with many equal times and deleted documents; counts equal to a count of the
 * doc values; labels changed in place seen at the next reader.
 */
class NewestFirstTest {
    private static final Sort NEWEST_FIRST = new Sort(
            new SortField(IndexSchema.PUBLISHED, SortField.Type.LONG, true), new SortField(IndexSchema.ID, SortField.Type.STRING));

    @TempDir
    Path folder;

    private static Document doc(String id, long published, String source, int label, String word) {
        Document d = new Document();
        d.add(new StringField(IndexSchema.ID, id, Field.Store.NO));
        d.add(new SortedDocValuesField(IndexSchema.ID, new BytesRef(id)));
        d.add(new NumericDocValuesField(IndexSchema.PUBLISHED, published));
        d.add(new NumericDocValuesField(IndexSchema.LABEL, label));
        d.add(new StringField(IndexSchema.SOURCE, source, Field.Store.NO));
        d.add(new SortedDocValuesField(IndexSchema.SOURCE, new BytesRef(source)));
        d.add(new StringField("word", word, Field.Store.NO));
        return d;
    }

    @Test
    void pagesFollowLuceneSortOrderThroughCursorsAndTies() throws Exception {
        comparePages(false);
    }

    /** Items indexed as they arrive, so mostly in order of time: nearly every match enters the page. */
    @Test
    void pagesFollowLuceneSortOrderWhenDocumentsArriveInOrderOfTime() throws Exception {
        comparePages(true);
    }

    private void comparePages(boolean chronological) throws Exception {
        Random random = new Random(chronological ? 7 : 20261127);
        try (FSDirectory dir = FSDirectory.open(folder);
             IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(new StandardAnalyzer()))) {
            for (int i = 0; i < 3000; i++) {
                // few distinct times, so that many hits tie and the id decides; ids not in document order
                String id = "item" + Integer.toString(random.nextInt(1_000_000), 36) + "-" + i;
                long minute = chronological ? i / 3 - (random.nextInt(10) == 0 ? random.nextInt(30) : 0) : random.nextInt(40);
                writer.addDocument(doc(id, 1_500_000_000_000L + 60_000L * minute, "s" + random.nextInt(7),
                        random.nextInt(5), random.nextBoolean() ? "a" : "b"));
                if (i % 700 == 699) writer.commit(); // several segments
                if (i % 50 == 0 && i > 0) writer.deleteDocuments(new Term(IndexSchema.SOURCE, "s6"));
            }
            writer.commit();
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                for (Query query : List.of(new MatchAllDocsQuery(), new TermQuery(new Term("word", "a")))) {
                    for (int size : new int[] {3, 20}) {
                        List<String> ours = pages(searcher, query, size, true);
                        List<String> lucene = pages(searcher, query, size, false);
                        assertEquals(lucene, ours, "pages of " + size + " for " + query);
                        assertEquals(searcher.count(query), ours.size(), "every match once, for " + query);
                    }
                }
            }
        }
    }

    /** Every hit of every page, as "doc:time:id", following each page's last hit as the next cursor. */
    private static List<String> pages(IndexSearcher searcher, Query query, int size, boolean ours) throws Exception {
        List<String> hits = new ArrayList<>();
        FieldDoc after = null;
        while (true) {
            TopDocs top;
            if (ours) {
                Object[] found = searcher.search(query, new MultiCollectorManager(NewestFirst.manager(size, after), Tally.manager(Tally.FACETS, null)));
                top = (TopDocs) found[0];
            } else {
                top = searcher.search(query, new TopFieldCollectorManager(NEWEST_FIRST, size, after, Integer.MAX_VALUE));
            }
            for (ScoreDoc sd : top.scoreDocs) {
                FieldDoc fd = (FieldDoc) sd;
                // ours reads an id only where times tie; the caller takes the others from the stored items
                if (ours && fd.fields[1] == null) fd.fields[1] = idOf(searcher, fd.doc);
                hits.add(fd.doc + ":" + fd.fields[0] + ":" + ((BytesRef) fd.fields[1]).utf8ToString());
            }
            if (top.scoreDocs.length < size) return hits;
            FieldDoc last = (FieldDoc) top.scoreDocs[top.scoreDocs.length - 1];
            // as a cursor decodes it: the sort values, not the document
            after = new FieldDoc(Integer.MAX_VALUE, Float.NaN, last.fields);
        }
    }

    private static BytesRef idOf(IndexSearcher searcher, int doc) throws java.io.IOException {
        var leaves = searcher.getIndexReader().leaves();
        var leaf = leaves.get(org.apache.lucene.index.ReaderUtil.subIndex(doc, leaves));
        var ids = org.apache.lucene.index.DocValues.getSorted(leaf.reader(), IndexSchema.ID);
        assertTrue(ids.advanceExact(doc - leaf.docBase));
        return BytesRef.deepCopyOf(ids.lookupOrd(ids.ordValue()));
    }

    @Test
    void countsMatchTheDocValuesAndLabelsChangedInPlaceAreSeen() throws Exception {
        try (FSDirectory dir = FSDirectory.open(folder);
             IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(new StandardAnalyzer()))) {
            Map<String, Long> bySource = new TreeMap<>();
            long[] byLabel = new long[IndexSchema.LABEL_NAMES.length];
            for (int i = 0; i < 500; i++) {
                String source = "s" + (i % 3);
                int label = i % 4 + 1;
                writer.addDocument(doc("id" + i, 1_500_000_000_000L + i, source, label, "a"));
                bySource.merge(source, 1L, Long::sum);
                byLabel[label]++;
                if (i == 249) writer.commit();
            }
            writer.commit();
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                Tally tally = new IndexSearcher(reader).search(new MatchAllDocsQuery(), Tally.manager(new String[] {IndexSchema.SOURCE}, null));
                assertEquals(500, tally.total);
                assertArrayEquals(byLabel, tally.labels);
                assertEquals(bySource, tally.facets().get(IndexSchema.SOURCE));
                LeafReader first = reader.leaves().get(0).reader();
                assertSame(Columns.published(first), Columns.published(first), "a segment's column is read once");
                byte[] labelsBefore = Columns.labels(first);

                // a correction changes the label in place: the next reader sees it, the old one keeps its own
                writer.updateNumericDocValue(new Term(IndexSchema.ID, "id0"), IndexSchema.LABEL, 4);
                writer.commit();
                LeafReader firstChanged;
                try (DirectoryReader changed = DirectoryReader.openIfChanged(reader)) {
                    firstChanged = changed.leaves().get(0).reader();
                    assertNotSame(labelsBefore, Columns.labels(firstChanged));
                    assertSame(Columns.published(first), Columns.published(firstChanged), "times are kept by the segment's core");
                    Tally after = new IndexSearcher(changed).search(new MatchAllDocsQuery(), Tally.manager(new String[0], null));
                    assertEquals(byLabel[1] - 1, after.labels[1]);
                    assertEquals(byLabel[4] + 1, after.labels[4]);
                    assertTrue(Columns.holds(firstChanged.getReaderCacheHelper(), IndexSchema.LABEL));
                }
                assertFalse(Columns.holds(firstChanged.getReaderCacheHelper(), IndexSchema.LABEL), "dropped when its reader closes");
                assertTrue(Columns.holds(first.getCoreCacheHelper(), IndexSchema.PUBLISHED), "kept while a reader of its core is open");
                assertEquals(byLabel[1], new IndexSearcher(reader).search(new MatchAllDocsQuery(), Tally.manager(new String[0], null)).labels[1]);
            }
        }
    }
}
