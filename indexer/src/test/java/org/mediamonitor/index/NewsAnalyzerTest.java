package org.mediamonitor.index;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediamonitor.classifier.ChineseScript;
import org.mediamonitor.classifier.ChineseSegmenter;
import org.mediamonitor.classifier.ChineseSegmenter.Word;

/** Uses the process-wide segmenter: the CoreNLP model loads once for every test in this JVM. */
class NewsAnalyzerTest {
    @TempDir
    Path folder;
    private final NewsAnalyzer analyzer = new NewsAnalyzer();

    private static List<String> terms(TokenStream stream) throws IOException {
        List<String> terms = new ArrayList<>();
        CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
        try (stream) {
            stream.reset();
            while (stream.incrementToken()) terms.add(term.toString());
            stream.end();
        }
        return terms;
    }

    private List<String> terms(String text) throws IOException {
        return terms(analyzer.tokenStream("text", text));
    }

    /** Indexes each text as one document (id = its position) and returns the ids that {@code query} finds. */
    private Set<String> search(Analyzer analyzer, List<String> texts, String query) throws Exception {
        Path dir = folder.resolve("index-" + System.nanoTime());
        try (FSDirectory directory = FSDirectory.open(dir)) {
            try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer))) {
                for (int i = 0; i < texts.size(); i++) {
                    Document doc = new Document();
                    doc.add(new StringField("id", Integer.toString(i), Field.Store.YES));
                    doc.add(new TextField("text", texts.get(i), Field.Store.NO));
                    writer.addDocument(doc);
                }
            }
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                QueryParser parser = new QueryParser("text", analyzer);
                parser.setDefaultOperator(QueryParser.Operator.AND);
                Set<String> found = new TreeSet<>();
                for (ScoreDoc hit : searcher.search(parser.parse(query), 100).scoreDocs) {
                    found.add(searcher.storedFields().document(hit.doc).get("id"));
                }
                return found;
            }
        }
    }

    @Test
    void traditionalAndSimplifiedTextGiveTheSameTerms() throws Exception {
        assertEquals(terms("两岸关系今天在台湾引起关注"), terms("兩岸關係今天在臺灣引起關注"));
        assertEquals(terms("台湾"), terms("臺灣"));
    }

    @Test
    void variantsThatPeopleMixAreFolded() throws Exception {
        assertEquals(terms("这里"), terms("這裡"));
        assertEquals(terms("这里"), terms("這裏"));
        assertEquals(terms("高峰"), terms("高峯"));
        assertEquals(terms("看着"), terms("看著"));
    }

    @Test
    void fullWidthAndHalfWidthFormsAreOneTerm() throws Exception {
        assertEquals(List.of("taiwan", "2018"), terms("ＴＡＩＷＡＮ　２０１８"));
    }

    @Test
    void englishIsStemmedAndLosesPossessives() throws Exception {
        assertEquals(List.of("taiwan", "elect", "were", "peac"), terms("Taiwan's elections were peaceful"));
    }

    @Test
    void offsetsPointAtTheOriginalCharacters() throws Exception {
        String text = "Reuters 報導：臺灣總統今天表示，兩岸關係穩定。";
        try (TokenStream stream = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            int tokens = 0;
            while (stream.incrementToken()) {
                tokens++;
                String original = text.substring(offset.startOffset(), offset.endOffset());
                if (term.toString().startsWith(ChineseWordTokenizer.SYNONYM_PREFIX)) continue;
                if (original.equals("Reuters")) {
                    assertEquals("reuter", term.toString()); // stemmed, but where it was written
                    continue;
                }
                assertEquals(ChineseScript.fold(original).toLowerCase(), term.toString(), original);
            }
            stream.end();
            assertTrue(tokens > 10);
        }
    }

    @Test
    void eachSpellingOfTaiwanFindsTheOthersInARealIndex() throws Exception {
        List<String> texts = List.of("臺灣的民主制度受到讚揚。", "台灣的經濟成長。", "台湾的经济增长。", "泰国的经济增长。");
        for (String spelling : List.of("臺灣", "台灣", "台湾")) {
            assertEquals(Set.of("0", "1", "2"), search(analyzer, texts, spelling), spelling);
        }
        assertEquals(Set.of("0"), search(analyzer, texts, "台湾 民主"));
        // 經濟成長 (Taiwan) and 经济增长 (mainland) are one cross-strait group
        assertEquals(Set.of("1", "2", "3"), search(analyzer, texts, "經濟成長"));
    }

    @Test
    void aCrossStraitTermFindsItsCounterpart() throws Exception {
        List<String> texts = List.of("陸委會今天發表聲明。", "台湾当局拒绝了这项提议。", "行政院今天開會。", "美国政府今天表示。");
        assertEquals(Set.of("0"), search(analyzer, texts, "大陆委员会"));
        assertEquals(Set.of("1"), search(analyzer, texts, "臺灣政府"));
        assertEquals(Set.of("0"), search(analyzer, texts, "陆委会"));
    }

    @Test
    void aWordWrittenWithOtherCharactersInTaiwanFindsTheMainlandsSpelling() throws Exception {
        // 計畫 and 規畫 are Taiwan's 计划 and 规划: the characters differ by usage, not by script
        List<String> texts = List.of("國防部公布新的國防計畫。", "国防部公布新的国防计划。", "政府规划新的交通路线。", "民眾對此保持沈默。");
        assertEquals(Set.of("0", "1"), search(analyzer, texts, "計畫"));
        assertEquals(Set.of("0", "1"), search(analyzer, texts, "计划"));
        assertEquals(Set.of("2"), search(analyzer, texts, "規畫"));
        assertEquals(Set.of("3"), search(analyzer, texts, "沉默"));
    }

    @Test
    void aQueryInWordsFindsTextSegmentedDifferently() throws Exception {
        String text = "两岸关系改善";
        NewsAnalyzer fixedWords = new NewsAnalyzer(() -> {
            throw new AssertionError("the words were given: the segmenter must not run");
        }, true);
        // the document's segmentation says 两岸关系 is one word; the query's says two
        List<Word> oneWord = List.of(new Word("两岸关系", "两岸关系", 0, 4), new Word("改善", "改善", 4, 6));
        List<String> indexed = terms(fixedWords.tokenStream("text", text, oneWord));
        assertTrue(indexed.contains("两岸关系") && indexed.contains("关系"), indexed.toString());
        List<Word> twoWords = List.of(new Word("两岸", "两岸", 0, 2), new Word("关系", "关系", 2, 4));
        List<String> query = terms(fixedWords.tokenStream("text", "两岸关系", twoWords));
        assertTrue(indexed.containsAll(query), indexed + " should hold " + query);
        // with words alone the two segmentations share nothing but 两岸
        NewsAnalyzer wordsAlone = new NewsAnalyzer(() -> {
            throw new AssertionError("the words were given: the segmenter must not run");
        }, false);
        List<String> indexedAlone = terms(wordsAlone.tokenStream("text", text, oneWord));
        assertFalse(indexedAlone.contains("关系"), indexedAlone.toString());
    }

    @Test
    void givenWordsThatDoNotFitTheTextAreIgnored() throws Exception {
        List<Word> wrong = List.of(new Word("台北", "台北", 0, 2));
        assertEquals(terms("台湾新闻"), terms(analyzer.tokenStream("text", "台湾新闻", wrong)));
    }

    @Test
    void englishTextDoesNotLoadTheSegmenter() throws Exception {
        NewsAnalyzer noSegmenter = new NewsAnalyzer(() -> {
            throw new AssertionError("no Chinese here");
        }, true);
        List<String> terms = terms(noSegmenter.tokenStream("text", "U.S.-Taiwan talks"));
        assertEquals(List.of("taiwan", "talk"), terms.subList(1, terms.size()));
    }

    @Test
    void segmenterIsTheSharedOne() {
        assertSame(ChineseSegmenter.shared(), ChineseSegmenter.load(ChineseSegmenter.Configuration.DEFAULT));
    }
}
