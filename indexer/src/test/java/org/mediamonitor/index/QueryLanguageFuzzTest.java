package org.mediamonitor.index;

import static org.junit.jupiter.api.Assertions.*;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Whatever staff type, {@link QueryLanguage#parse} gives a Lucene query that a searcher runs, or an
 * {@link InvalidQueryException} whose message says what is wrong: never another exception, never a
 * hang. Seeds: {@code QueryLanguageFuzzTestInputs/parse} (one query per file, UTF-8); {@code -Pfuzz}
 * fuzzes from them (docs/FUZZING.md).
 */
class QueryLanguageFuzzTest {
    private static NewsAnalyzer analyzer;
    private static QueryLanguage language;
    private static ByteBuffersDirectory directory;
    private static DirectoryReader reader;
    private static IndexSearcher searcher;

    @BeforeAll
    static void index() throws IOException {
        analyzer = new NewsAnalyzer();
        language = new QueryLanguage(analyzer);
        directory = new ByteBuffersDirectory();
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer))) {
            add(writer, "Taiwan trade talks", "Taiwan and Japan agreed on trade. The talks were long.", "en", 1520215200000L, 2);
            add(writer, "兩岸關係", "陸委會表示，兩岸關係需要對話。行政院長支持兩岸交流。", "zh-Hant", 1520301600000L, 3);
            add(writer, "台湾新闻", "台湾当局的政策受到批评。", "zh-Hans", 1546275600000L, 0);
        }
        reader = DirectoryReader.open(directory);
        searcher = new IndexSearcher(reader);
    }

    private static void add(IndexWriter writer, String title, String text, String lang, long published, int label) throws IOException {
        Document doc = new Document();
        doc.add(new TextField(IndexSchema.TITLE, title, Field.Store.NO));
        doc.add(new TextField(IndexSchema.TEXT, text, Field.Store.NO));
        doc.add(new StringField(IndexSchema.LANGUAGE, lang, Field.Store.NO));
        doc.add(new StringField(IndexSchema.SOURCE, "herald", Field.Store.NO));
        doc.add(new LongPoint(IndexSchema.PUBLISHED, published));
        doc.add(new NumericDocValuesField(IndexSchema.LABEL, label));
        writer.addDocument(doc);
    }

    @AfterAll
    static void close() throws IOException {
        reader.close();
        directory.close();
    }

    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void parse(byte[] input) throws IOException {
        String text = new String(input, StandardCharsets.UTF_8);
        QueryLanguage.Parsed parsed;
        try {
            parsed = language.parse(text);
        } catch (InvalidQueryException e) {
            assertNotNull(e.getMessage());
            assertFalse(e.getMessage().isBlank(), "the error says what is wrong");
            return;
        }
        assertNotNull(parsed.query());
        // the query runs: clause limits, intervals and ranges hold
        searcher.count(parsed.query());
    }

    @Test
    void nearReadsAWordThatSpansSeveralCharacterPairs() throws IOException {
        // 行政院長 analyses into a word over three pair positions beside same-position tokens: the graph
        // that Lucene's intervals could not read (crash-near-token-graph-with-synonyms-*)
        assertEquals(1, searcher.count(language.parse("行政院長 NEAR/8 兩岸").query()));
        assertEquals(0, searcher.count(language.parse("行政院長 NEAR/8 日本").query()));
        assertEquals(0, searcher.count(language.parse("陸委會 NEAR/2 行政院長").query()), "too far apart");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void deepNestingIsRefusedWithAMessage() {
        for (String open : new String[] {"(", "（"}) {
            InvalidQueryException refused = assertThrows(InvalidQueryException.class,
                    () -> language.parse(open.repeat(500) + "taiwan" + ")".repeat(500)));
            assertTrue(refused.getMessage().contains("nest"), refused.getMessage());
        }
    }
}
