package org.mediamonitor.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
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
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Facet counts against counts made by hand, in a segment whose facet values are packed in one array
 * and in one with too many values of a field for that, with documents that lack a value.
 */
class TallyTest {
    private static final String[] FIELDS = {IndexSchema.SOURCE, IndexSchema.LANGUAGE, IndexSchema.COUNTRY, IndexSchema.KIND};

    @TempDir
    Path folder;

    @Test
    void countsEveryValueOfEveryFieldWhetherItsSegmentPacksThemOrNot() throws Exception {
        Random random = new Random(3);
        Map<String, Map<String, Long>> expected = new TreeMap<>();
        for (String f : FIELDS) expected.put(f, new TreeMap<>());
        long[] labels = new long[IndexSchema.LABEL_NAMES.length];
        long total = 0;
        try (FSDirectory dir = FSDirectory.open(folder);
             IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(new StandardAnalyzer()))) {
            for (int segment = 0; segment < 2; segment++) {
                // the first segment has a source for nearly every document: more values than 16 bits hold
                int docs = segment == 0 ? 70_000 : 3_000;
                for (int i = 0; i < docs; i++) {
                    boolean matches = random.nextInt(3) > 0;
                    int label = random.nextInt(IndexSchema.LABEL_NAMES.length);
                    Document d = new Document();
                    d.add(new StringField("word", matches ? "a" : "b", Field.Store.NO));
                    d.add(new NumericDocValuesField(IndexSchema.LABEL, label));
                    String[] values = {segment == 0 ? "s" + i : "s" + random.nextInt(40), random.nextBoolean() ? "en" : "zh",
                            random.nextInt(5) == 0 ? null : "C" + random.nextInt(9), random.nextInt(4) == 0 ? null : "k" + random.nextInt(3)};
                    for (int f = 0; f < FIELDS.length; f++) {
                        if (values[f] == null) continue;
                        d.add(new SortedDocValuesField(FIELDS[f], new BytesRef(values[f])));
                        if (matches) expected.get(FIELDS[f]).merge(values[f], 1L, Long::sum);
                    }
                    if (matches) {
                        labels[label]++;
                        total++;
                    }
                    writer.addDocument(d);
                }
                writer.commit();
            }
            writer.forceMerge(2);
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                assertEquals(2, reader.leaves().size());
                LeafReader big = reader.leaves().get(0).reader().maxDoc() == 70_000 ? reader.leaves().get(0).reader() : reader.leaves().get(1).reader();
                LeafReader small = big == reader.leaves().get(0).reader() ? reader.leaves().get(1).reader() : reader.leaves().get(0).reader();
                assertNull(Columns.packed(big, FIELDS), "70,000 sources do not fit in 16 bits");
                assertNotNull(Columns.packed(small, FIELDS));

                Tally tally = new IndexSearcher(reader).search(new TermQuery(new Term("word", "a")), Tally.manager(FIELDS, null));
                assertEquals(total, tally.total);
                assertArrayEquals(labels, tally.labels);
                Map<String, Map<String, Long>> facets = tally.facets();
                for (String f : FIELDS) assertEquals(expected.get(f), facets.get(f), f);
            }
        }
    }
}
