package org.mediamonitor.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.search.uhighlight.FieldOffsetStrategy;
import org.apache.lucene.search.uhighlight.UHComponents;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snippets from postings moved forward hit by hit are the snippets of Lucene's own look-up per hit. */
class ForwardPostingsTest {
    private static final String[] WORDS = {"taiwan", "strait", "trade", "vote", "chip", "typhoon", "court", "budget", "summit", "drill"};

    @TempDir
    Path folder;

    @Test
    void sameSnippetsAsALookUpPerHit() throws Exception {
        FieldType withOffsets = new FieldType(TextField.TYPE_STORED);
        withOffsets.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        Random random = new Random(11);
        Analyzer analyzer = new StandardAnalyzer();
        try (FSDirectory dir = FSDirectory.open(folder); IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(analyzer))) {
            for (int i = 0; i < 900; i++) {
                StringBuilder text = new StringBuilder();
                for (int s = 0; s < 2 + random.nextInt(6); s++) {
                    for (int w = 0; w < 4 + random.nextInt(8); w++) text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
                    text.setLength(text.length() - 1);
                    text.append(". ");
                }
                Document doc = new Document();
                doc.add(new Field("text", text.toString().strip(), withOffsets));
                writer.addDocument(doc);
                if (i % 300 == 299) writer.commit();
            }
            writer.commit();
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                Query[] queries = {
                    new TermQuery(new Term("text", "typhoon")),
                    new BooleanQuery.Builder().add(new TermQuery(new Term("text", "vote")), Occur.MUST)
                            .add(new TermQuery(new Term("text", "chip")), Occur.MUST).build(),
                    new BooleanQuery.Builder().add(new TermQuery(new Term("text", "taiwan")), Occur.SHOULD)
                            .add(new TermQuery(new Term("text", "absent")), Occur.SHOULD)
                            .add(new TermQuery(new Term("text", "summit")), Occur.SHOULD).build(),
                };
                for (Query query : queries) {
                    TopDocs top = searcher.search(query, 400);
                    // hits spread over every segment, asked for out of order, one of them twice
                    ScoreDoc[] hits = Arrays.copyOf(top.scoreDocs, top.scoreDocs.length + 1);
                    hits[hits.length - 1] = hits[hits.length / 2];
                    TopDocs asked = new TopDocs(new TotalHits(hits.length, TotalHits.Relation.EQUAL_TO), hits);
                    String[] lucene = highlighter(searcher, analyzer, false).highlight("text", query, asked, 2);
                    String[] forward = highlighter(searcher, analyzer, true).highlight("text", query, asked, 2);
                    assertTrue(Arrays.stream(forward).allMatch(s -> s != null && s.contains("<b>")), "every hit has a highlighted snippet");
                    assertArrayEquals(lucene, forward, query.toString());
                }
            }
        }
    }

    private static UnifiedHighlighter highlighter(IndexSearcher searcher, Analyzer analyzer, boolean forward) {
        UnifiedHighlighter.Builder builder = UnifiedHighlighter.builder(searcher, analyzer).withWeightMatches(false);
        return new UnifiedHighlighter(builder) {
            @Override
            protected OffsetSource getOffsetSource(String field) {
                return OffsetSource.POSTINGS;
            }

            @Override
            protected FieldOffsetStrategy getOffsetStrategy(OffsetSource source, UHComponents components) {
                return forward ? new ForwardPostings(components) : super.getOffsetStrategy(source, components);
            }
        };
    }
}
