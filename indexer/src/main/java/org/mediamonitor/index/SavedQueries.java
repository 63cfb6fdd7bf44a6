package org.mediamonitor.index;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import java.util.HashMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CachingTokenFilter;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiReader;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.automaton.ByteRunAutomaton;
import org.apache.lucene.monitor.MatchingQueries;
import org.apache.lucene.monitor.Monitor;
import org.apache.lucene.monitor.MonitorConfiguration;
import org.apache.lucene.monitor.MonitorQuery;
import org.apache.lucene.monitor.MonitorQuerySerializer;
import org.apache.lucene.monitor.MultiMatchingQueries;
import org.apache.lucene.monitor.QueryMatch;
import org.mediamonitor.model.SavedQuery;

/**
 * The queries staff keep, held by Lucene's monitor so that each incoming item is matched against all
 * of them as it is indexed (the monitor indexes the queries, not the items, and runs only those that can
 * match). Stored on disk beside the item index; starts with the default "Taiwan and cross-strait
 * relations" query, in English and Chinese.
 */
public final class SavedQueries implements Closeable {
    /** The query every new index starts with. */
    public static final SavedQuery DEFAULT = new SavedQuery("taiwan", "Taiwan and cross-strait relations",
            "Taiwan OR Taiwanese OR Taipei OR \"cross-strait\" OR \"Mainland Affairs Council\" OR \"Executive Yuan\""
                    + " OR \"Tsai Ing-wen\" OR \"Lai Ching-te\" OR 台灣 OR 台湾 OR 臺灣 OR 兩岸 OR 陸委會 OR 行政院"
                    + " OR 蔡英文 OR 賴清德 OR 台北 OR 臺北");
    private static final String NAME = "name";
    /**
     * Up to this many saved queries, each item is matched by running every query over the item alone;
     * the monitor's selection of candidate queries pays only when there are more.
     */
    static final int RUN_ALL_UP_TO = 16;

    private final Monitor monitor;
    private final Analyzer analyzer;
    private final QueryLanguage language;
    /** The parsed queries by id, as the monitor holds them. */
    private final ConcurrentMap<String, Prepared> parsed = new ConcurrentHashMap<>();

    SavedQueries(Path folder, Analyzer analyzer, QueryLanguage language) throws IOException {
        this.language = language;
        boolean fresh = !Files.isDirectory(folder);
        Files.createDirectories(folder);
        MonitorQuerySerializer serializer = MonitorQuerySerializer.fromParser(text -> language.parse(text).query());
        this.analyzer = analyzer;
        this.monitor = new Monitor(analyzer, new MonitorConfiguration().setIndexPath(folder, serializer));
        for (String id : monitor.getQueryIds()) {
            MonitorQuery q = monitor.getQuery(id);
            if (q != null) parsed.put(id, prepared(q.getQuery()));
        }
        if (fresh) put(DEFAULT);
    }

    /** Every saved query, by id. */
    public List<SavedQuery> list() throws IOException {
        List<SavedQuery> all = new ArrayList<>();
        for (String id : monitor.getQueryIds()) get(id).ifPresent(all::add);
        all.sort(Comparator.comparing(SavedQuery::id));
        return all;
    }

    public Optional<SavedQuery> get(String id) throws IOException {
        MonitorQuery q = monitor.getQuery(id);
        return q == null ? Optional.empty() : Optional.of(new SavedQuery(q.getId(), q.getMetadata().get(NAME), q.getQueryString()));
    }

    /**
     * Adds a query, or replaces the one with the same id. It applies to items indexed from now on.
     *
     * @throws InvalidQueryException when the query text cannot be parsed
     */
    public SavedQuery put(SavedQuery query) throws IOException {
        QueryLanguage.Parsed parsed = language.parse(query.query());
        monitor.register(new MonitorQuery(query.id(), parsed.query(), query.query(), Map.of(NAME, query.name())));
        this.parsed.put(query.id(), prepared(parsed.query()));
        return query;
    }

    /** Removes a query; false when there was none with this id. */
    public boolean delete(String id) throws IOException {
        if (monitor.getQuery(id) == null) return false;
        monitor.deleteById(id);
        parsed.remove(id);
        return true;
    }

    /**
     * The ids of the saved queries each document matches, in the order of the documents. With few saved
     * queries each runs over each document; with more, the monitor indexes the batch together and selects
     * the candidate queries once for all of it.
     */
    List<List<String>> match(Document[] documents) throws IOException {
        Map<String, Prepared> all = Map.copyOf(parsed);
        if (all.size() <= RUN_ALL_UP_TO) return runAll(documents, all);
        if (documents.length == 1) {
            MatchingQueries<QueryMatch> matches = monitor.match(documents[0], QueryMatch.SIMPLE_MATCHER);
            return List.of(ids(matches));
        }
        MultiMatchingQueries<QueryMatch> matches = monitor.match(documents, QueryMatch.SIMPLE_MATCHER);
        List<List<String>> out = new ArrayList<>(documents.length);
        for (int i = 0; i < documents.length; i++) out.add(ids(matches.getMatches(i)));
        return out;
    }

    /**
     * Each document alone in memory (no offsets: matching needs positions only), every query run over it;
     * unless no query can match it: when each query needs one of its words and the document has none of
     * them, it is not put in memory at all.
     */
    private List<List<String>> runAll(Document[] documents, Map<String, Prepared> queries) throws IOException {
        Map<String, CharArraySet> needed = neededTerms(queries.values());
        List<List<String>> out = new ArrayList<>(documents.length);
        for (Document document : documents) {
            if (needed != null && !holdsAny(document, needed)) {
                out.add(List.of());
                continue;
            }
            MemoryIndex memory = new MemoryIndex(false, false);
            for (IndexableField field : document) memory.addField(field, analyzer);
            memory.freeze();
            IndexSearcher searcher = memory.createSearcher();
            List<String> matched = new ArrayList<>(1);
            for (Map.Entry<String, Prepared> q : queries.entrySet()) {
                if (matches(searcher, q.getValue())) matched.add(q.getKey());
            }
            matched.sort(null);
            out.add(matched);
        }
        return out;
    }

    /** The words any of the queries needs, by field; null when some query may match without any word of its own. */
    private static Map<String, CharArraySet> neededTerms(java.util.Collection<Prepared> queries) {
        Map<String, List<String>> byField = new HashMap<>();
        for (Prepared p : queries) {
            if (p.terms() == null) return null;
            p.terms().forEach((field, terms) -> byField.computeIfAbsent(field, f -> new ArrayList<>()).addAll(terms));
        }
        Map<String, CharArraySet> sets = new HashMap<>();
        byField.forEach((field, terms) -> sets.put(field, new CharArraySet(terms, false)));
        return sets;
    }

    /**
     * Whether the document holds one of the words. Reading an analysed field fills its token cache, which
     * the index replays later, so the text is still analysed once; a field that cannot be read twice
     * counts as holding one.
     */
    private static boolean holdsAny(Document document, Map<String, CharArraySet> needed) throws IOException {
        for (IndexableField field : document) {
            CharArraySet words = needed.get(field.name());
            if (words == null) continue;
            TokenStream tokens = field instanceof Field f ? f.tokenStreamValue() : null;
            if (tokens instanceof CachingTokenFilter cached) {
                CharTermAttribute term = cached.addAttribute(CharTermAttribute.class);
                cached.reset();
                boolean found = false;
                while (!found && cached.incrementToken()) found = words.contains(term.buffer(), 0, term.length());
                cached.end();
                if (found) return true;
            } else if (tokens != null || field.fieldType().tokenized()) {
                return true;
            } else if (field.stringValue() != null && words.contains(field.stringValue())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The words of a query by field, one of which a document must hold to match it (the query's terms
     * outside NOT clauses); null when it may match without any: it has a clause with no words (all
     * items, dates, labels) or one that stands for many (a wildcard).
     */
    private static Map<String, List<String>> terms(Query query) {
        Map<String, List<String>> terms = new HashMap<>();
        boolean[] withoutWords = {false};
        query.visit(new QueryVisitor() {
            @Override
            public void consumeTerms(Query leaf, Term... found) {
                for (Term t : found) terms.computeIfAbsent(t.field(), f -> new ArrayList<>()).add(t.text());
            }

            @Override
            public void visitLeaf(Query leaf) {
                // a clause that matches nothing needs no word; any other leaf without words may match without one
                if (!(leaf instanceof MatchNoDocsQuery)) withoutWords[0] = true;
            }

            @Override
            public void consumeTermsMatching(Query leaf, String field, Supplier<ByteRunAutomaton> automaton) {
                withoutWords[0] = true;
            }
        });
        return withoutWords[0] ? null : terms;
    }

    /**
     * The query rewritten once, when its rewritten form does not depend on the text it runs over (words
     * and phrases only): rewriting a long query for every item costs more than running it. A query with
     * wildcards or ranges is left as it is and rewritten over each item.
     */
    private static Prepared prepared(Query query) throws IOException {
        boolean[] textFree = {true};
        query.visit(new QueryVisitor() {
            @Override
            public void visitLeaf(Query leaf) {
                // ranges (dates, labels) among them: some rewrite to nothing over an empty index
                if (!(leaf instanceof MatchAllDocsQuery || leaf instanceof MatchNoDocsQuery)) textFree[0] = false;
            }

            @Override
            public void consumeTermsMatching(Query leaf, String field, Supplier<ByteRunAutomaton> automaton) {
                textFree[0] = false;
            }

            @Override
            public QueryVisitor getSubVisitor(org.apache.lucene.search.BooleanClause.Occur occur, Query parent) {
                return this; // excluded clauses too (the default skips them)
            }
        });
        if (!textFree[0]) return new Prepared(query, false, null);
        Query rewritten = new IndexSearcher(new MultiReader()).rewrite(query);
        return new Prepared(rewritten, true, terms(rewritten));
    }

    /**
     * A saved query ready to run over one item; {@code rewritten} when it needs no rewriting there;
     * {@code terms}, when not null, the words by field one of which an item must hold to match.
     */
    private record Prepared(Query query, boolean rewritten, Map<String, List<String>> terms) {
    }

    private static boolean matches(IndexSearcher searcher, Prepared prepared) throws IOException {
        if (!prepared.rewritten()) return searcher.count(prepared.query()) > 0;
        Weight weight = searcher.createWeight(prepared.query(), ScoreMode.COMPLETE_NO_SCORES, 1f);
        LeafReaderContext leaf = searcher.getIndexReader().leaves().getFirst();
        Scorer scorer = weight.scorer(leaf);
        if (scorer == null) return false;
        TwoPhaseIterator twoPhase = scorer.twoPhaseIterator();
        DocIdSetIterator docs = twoPhase == null ? scorer.iterator() : twoPhase.approximation();
        return docs.nextDoc() != DocIdSetIterator.NO_MORE_DOCS && (twoPhase == null || twoPhase.matches());
    }

    private static List<String> ids(MatchingQueries<QueryMatch> matches) {
        return ids(matches.getMatches());
    }

    private static List<String> ids(java.util.Collection<QueryMatch> matches) {
        return matches.stream().map(QueryMatch::getQueryId).sorted().toList();
    }

    @Override
    public void close() throws IOException {
        monitor.close();
    }
}
