package org.mediamonitor.index;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediamonitor.classifier.ChineseScript;
import org.mediamonitor.classifier.ChineseSegmenter;

/**
 * Measures whether Chinese is better searched as words alone or as words with character pairs, on
 * sentences of the SIGHAN 2005 shared halves (read in place; skipped when ../shared is absent). The
 * queries are the corpora's own gold words and word pairs, so their segmentation (by the segmenter,
 * out of context) often differs from the one the sentence got: recall is the share of sentences
 * holding a query's characters that the query finds, precision the share of found sentences that hold them
 * (over the queries that found any).
 */
class ChineseSearchRecallTest {
    private static final Path DATA = Path.of("..", "..", "shared", "data", "cws-sighan2005");
    private static final int SENTENCES = 300;

    @TempDir
    Path folder;

    record Scores(double recall, double precision, int queries) {
    }

    @Test
    void wordsWithCharacterPairsFindMoreThanWordsAloneWithoutLosingPrecision() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(DATA), "no SIGHAN data at " + DATA.toAbsolutePath());
        List<String> sentences = new ArrayList<>();
        List<String> queries = new ArrayList<>();
        for (String corpus : List.of("as", "pku")) read(DATA.resolve(corpus + "_test_shared.jsonl"), sentences, queries);

        Scores pairs = measure(new NewsAnalyzer(ChineseSegmenter::shared, true), sentences, queries, "pairs");
        Scores words = measure(new NewsAnalyzer(ChineseSegmenter::shared, false), sentences, queries, "words");
        System.out.printf(Locale.ROOT, "Chinese search over %d sentences, %d queries:%n", sentences.size(), pairs.queries());
        System.out.printf(Locale.ROOT, "  words + pairs: recall %.3f precision %.3f%n", pairs.recall(), pairs.precision());
        System.out.printf(Locale.ROOT, "  words alone:   recall %.3f precision %.3f%n", words.recall(), words.precision());
        assertTrue(pairs.recall() > words.recall(), pairs + " vs " + words);
        assertTrue(pairs.precision() >= words.precision() - 0.02, pairs + " vs " + words);
    }

    private static void read(Path file, List<String> sentences, List<String> queries) throws Exception {
        ObjectMapper json = new ObjectMapper();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int n = 0;
            for (String line; (line = in.readLine()) != null && n < SENTENCES; n++) {
                JsonNode node = json.readTree(line);
                sentences.add(node.get("input").asText());
                List<String> gold = new ArrayList<>();
                node.get("gold_words").forEach(w -> gold.add(w.asText()));
                // every seventh sentence gives a query: a word of two or more Han chars, and two words together
                if (n % 7 != 0) continue;
                for (int i = 0; i + 1 < gold.size(); i++) {
                    if (gold.get(i).length() >= 2 && allHan(gold.get(i))) {
                        queries.add(gold.get(i));
                        if (allHan(gold.get(i + 1))) queries.add(gold.get(i) + gold.get(i + 1));
                        break;
                    }
                }
            }
        }
    }

    private Scores measure(NewsAnalyzer analyzer, List<String> sentences, List<String> queries, String name) throws Exception {
        try (FSDirectory directory = FSDirectory.open(folder.resolve(name))) {
            try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer))) {
                for (int i = 0; i < sentences.size(); i++) {
                    Document doc = new Document();
                    doc.add(new StoredField("n", i));
                    doc.add(new TextField("text", sentences.get(i), Field.Store.NO));
                    writer.addDocument(doc);
                }
            }
            List<String> folded = sentences.stream().map(ChineseScript::fold).toList();
            double recall = 0, precision = 0;
            int counted = 0, answered = 0;
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                QueryParser parser = new QueryParser("text", analyzer);
                parser.setDefaultOperator(QueryParser.Operator.AND);
                for (String query : queries) {
                    String key = ChineseScript.fold(query);
                    Set<Integer> truth = new HashSet<>();
                    for (int i = 0; i < folded.size(); i++) if (folded.get(i).contains(key)) truth.add(i);
                    Set<Integer> found = new HashSet<>();
                    for (ScoreDoc hit : searcher.search(parser.parse(QueryParser.escape(query)), sentences.size()).scoreDocs) {
                        found.add(searcher.storedFields().document(hit.doc).getField("n").numericValue().intValue());
                    }
                    Set<Integer> right = new HashSet<>(found);
                    right.retainAll(truth);
                    recall += (double) right.size() / truth.size();
                    if (!found.isEmpty()) {
                        precision += (double) right.size() / found.size();
                        answered++;
                    }
                    counted++;
                }
            }
            return new Scores(recall / counted, precision / answered, counted);
        }
    }

    private static boolean allHan(String word) {
        return word.codePoints().allMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
    }
}
