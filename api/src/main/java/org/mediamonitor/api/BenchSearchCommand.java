package org.mediamonitor.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;
import org.mediamonitor.index.ItemIndex;
import org.mediamonitor.index.NewsAnalyzer;
import org.mediamonitor.model.SearchRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code monitor bench search}: {@link ItemIndex#search} for one-word queries (a page of 20 hits with
 * facets, snippets and the exact total) over an index of generated items, beside a {@link TermQuery}
 * for the same word, as the index analysed it, on the text field of the same index (the top 20 and
 * their ids).
 */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Time searches through the index against a TermQuery on the same index.")
final class BenchSearchCommand extends BenchAllCommand.Stage {


    @Option(names = "--items", paramLabel = "N", description = "Generated items in the index (default: 10000, quick: 2000).")
    Integer items;

    @Option(names = "--queries", paramLabel = "N", description = "Queries a round (default: ${DEFAULT-VALUE}).")
    int queries = 100;

    @Option(names = "--seconds", paramLabel = "S", description = "Time for the timed rounds (default: 15, quick: 3).")
    Double seconds;

    @Override
    List<BenchAllCommand.Figure> measure(boolean quick) throws Exception {
        int n = items != null ? items : quick ? 2_000 : 10_000;
        if (n < 1 || queries < 1) throw new IllegalArgumentException("--items and --queries must be positive");
        BenchIndexCommand.Generator generator = new BenchIndexCommand.Generator(42);
        List<String> words = words(generator, queries);
        Path folder = Files.createTempDirectory("media-monitor-bench-search-");
        ItemIndex.Options options = new ItemIndex.Options(Duration.ofMinutes(10), generator::source, folder.resolve("state"),
                ItemIndex.Options.Check.NONE);
        try (ItemIndex index = new ItemIndex(folder.resolve("index"), options)) {
            fill(index, generator, n);
            List<Term> terms = new ArrayList<>();
            try (NewsAnalyzer analyzer = new NewsAnalyzer()) {
                for (String w : words) terms.add(new Term("text", analysed(analyzer, w)));
            }
            try (FSDirectory directory = FSDirectory.open(folder.resolve("index")); DirectoryReader reader = DirectoryReader.open(directory)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                long[] sink = new long[1];
                long[] nanos = BenchAllCommand.race(
                        () -> {
                            try {
                                for (String w : words) sink[0] += index.search(new SearchRequest(w, null, null, null, null, null, 20, null)).total();
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        },
                        () -> {
                            try {
                                StoredFields stored = searcher.storedFields();
                                for (Term t : terms) {
                                    TopDocs top = searcher.search(new TermQuery(t), 20);
                                    for (ScoreDoc d : top.scoreDocs) sink[0] += stored.document(d.doc).getFields().size();
                                }
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        },
                        seconds != null ? seconds : quick ? 3 : 15, 3, true);
                String what = String.format(Locale.ROOT, "search (one word, %,d items, page of 20 with facets)", n);
                return List.of(new BenchAllCommand.Figure(what, BenchAllCommand.perSecond(words.size(), nanos[0]), "queries/s",
                        "TermQuery, top 20", BenchAllCommand.perSecond(words.size(), nanos[1])));
            }
        } finally {
            BenchSoakCommand.delete(folder);
        }
    }

    /** Adds {@code n} generated items, in batches as the pipeline does, and commits. */
    static void fill(ItemIndex index, BenchIndexCommand.Generator generator, int n) throws IOException {
        List<ItemIndex.Incoming> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            BenchIndexCommand.Generated g = generator.item(i);
            batch.add(new ItemIndex.Incoming(g.item(), g.titleWords(), g.textWords()));
            if (batch.size() == 64 || i == n - 1) {
                index.addAll(batch);
                batch.clear();
            }
        }
        index.commit();
    }

    /** One-word English queries as staff type them. */
    static List<String> words(BenchIndexCommand.Generator generator, int count) {
        SplittableRandom random = new SplittableRandom(3);
        List<String> words = new ArrayList<>();
        while (words.size() < count) {
            String q = generator.query(random);
            if (q.matches("[A-Za-z]+")) words.add(q);
        }
        return words;
    }

    private static String analysed(NewsAnalyzer analyzer, String word) throws IOException {
        try (TokenStream stream = analyzer.tokenStream("text", word)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            String first = stream.incrementToken() ? term.toString() : word.toLowerCase(java.util.Locale.ROOT);
            stream.end();
            return first;
        }
    }
}
