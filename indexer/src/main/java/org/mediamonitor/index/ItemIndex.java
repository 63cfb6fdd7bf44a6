package org.mediamonitor.index;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.ibm.icu.text.Transliterator;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.mediamonitor.model.Classification;
import org.mediamonitor.model.Item;
import org.mediamonitor.model.Label;
import org.mediamonitor.model.LabelCounts;
import org.mediamonitor.model.SearchHit;
import org.mediamonitor.model.SearchPage;
import org.mediamonitor.model.SearchRequest;

/**
 * The store of classified items, on disk in a Lucene index: adds and replaces items by id, finds them
 * by query with exact totals and facets, and counts them by label over a period, counting each
 * cluster of copies of one story once. An item is durable once {@link #commit()} has returned.
 */
public final class ItemIndex implements Closeable {
    static final String ID = "id", URL = "url", SOURCE = "source", TITLE = "title", TEXT = "text",
            PUBLISHED = "published", LANGUAGE = "language", LABEL = "label", RELEVANT = "relevant",
            CLUSTER = "cluster", FINGERPRINT = "fingerprint", ITEM = "item";
    /** The value of the label field for items that are not about the target. */
    static final String NOT_RELEVANT = "not-relevant";
    private static final Sort NEWEST_FIRST = new Sort(
            new SortField(PUBLISHED, SortField.Type.LONG, true), new SortField(ID, SortField.Type.STRING));
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final Transliterator TO_SIMPLIFIED = Transliterator.getInstance("Traditional-Simplified");

    private final Directory directory;
    private final Analyzer analyzer;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    /** Fingerprints added since the last refresh, which the searcher cannot see yet. */
    private final Map<String, String> recentClusters = new HashMap<>();

    /** Opens the index in {@code folder}, creating it when there is none. */
    public ItemIndex(Path folder) throws IOException {
        this.directory = FSDirectory.open(folder);
        this.analyzer = new PerFieldAnalyzerWrapper(new NewsAnalyzer(), Map.of(
                SOURCE, new KeywordAnalyzer(), LANGUAGE, new KeywordAnalyzer(), LABEL, new KeywordAnalyzer(),
                ID, new KeywordAnalyzer(), CLUSTER, new KeywordAnalyzer()));
        IndexWriterConfig config = new IndexWriterConfig(analyzer);
        config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
        config.setCommitOnClose(true);
        this.writer = new IndexWriter(directory, config);
        this.searchers = new SearcherManager(writer, null);
    }

    /**
     * Adds an item, or replaces the stored one with the same id. The item joins the cluster of any
     * stored item with the same normalised text (in either Chinese script).
     *
     * @return the item as stored, with its cluster
     */
    public synchronized Item add(Item item) throws IOException {
        String fingerprint = fingerprint(item.text());
        String cluster = recentClusters.get(fingerprint);
        if (cluster == null) cluster = clusterOf(fingerprint, item.id());
        Item stored = item.withCluster(cluster);
        writer.updateDocument(new Term(ID, item.id()), toDocument(stored, fingerprint));
        recentClusters.put(fingerprint, cluster);
        return stored;
    }

    /** Makes every added item durable and visible to searches. */
    public synchronized void commit() throws IOException {
        writer.commit();
        searchers.maybeRefreshBlocking();
        recentClusters.clear();
    }

    /** Makes added items visible to searches without waiting for the disk. */
    public synchronized void refresh() throws IOException {
        searchers.maybeRefreshBlocking();
        recentClusters.clear();
    }

    /** True when an item with this id is stored (committed or not). */
    public synchronized boolean contains(String id) {
        try {
            searchers.maybeRefreshBlocking();
            recentClusters.clear();
            return withSearcher(s -> s.count(new TermQuery(new Term(ID, id))) > 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stored item with this id. */
    public Optional<Item> get(String id) throws IOException {
        return withSearcher(s -> {
            TopDocs top = s.search(new TermQuery(new Term(ID, id)), 1);
            if (top.scoreDocs.length == 0) return Optional.<Item>empty();
            return Optional.of(itemOf(s.storedFields().document(top.scoreDocs[0].doc)));
        });
    }

    /** Number of stored items. */
    public long size() throws IOException {
        return withSearcher(s -> (long) s.getIndexReader().numDocs());
    }

    /** Hands every stored item, newest first, to {@code sink}. */
    public void forEach(Consumer<Item> sink) throws IOException {
        withSearcher(s -> {
            int n = Math.max(1, s.getIndexReader().maxDoc());
            TopDocs all = s.search(new MatchAllDocsQuery(), n, NEWEST_FIRST);
            StoredFields stored = s.storedFields();
            for (ScoreDoc hit : all.scoreDocs) sink.accept(itemOf(stored.document(hit.doc)));
            return null;
        });
    }

    /**
     * Runs a search.
     *
     * @throws InvalidQueryException when the query cannot be parsed; the message says where
     */
    public SearchPage search(SearchRequest request) throws IOException {
        Query query = filtered(request);
        return withSearcher(s -> {
            FieldDoc after = request.cursor() == null ? null : decodeCursor(request.cursor());
            TopDocs top = s.search(query, new TopFieldCollectorManager(NEWEST_FIRST, request.size(), after, Integer.MAX_VALUE));
            long total = s.count(query);
            Map<String, Map<String, Long>> facets = facets(s, query);
            String[] snippets = snippets(s, request, top);
            StoredFields stored = s.storedFields();
            List<SearchHit> hits = new ArrayList<>();
            for (int i = 0; i < top.scoreDocs.length; i++) {
                Item item = itemOf(stored.document(top.scoreDocs[i].doc));
                Classification c = item.classification();
                String snippet = snippets[i] != null ? snippets[i] : lead(item.text());
                hits.add(new SearchHit(item.id(), item.url(), item.title(), item.source(), item.published(),
                        item.language(), c == null ? null : c.label(), c == null || !c.relevant() ? null : c.confidence(),
                        snippet));
            }
            String next = null;
            if (top.scoreDocs.length == request.size()) {
                FieldDoc last = (FieldDoc) top.scoreDocs[top.scoreDocs.length - 1];
                TopDocs rest = s.search(query, new TopFieldCollectorManager(NEWEST_FIRST, 1, last, 1));
                if (rest.scoreDocs.length > 0) next = encodeCursor(last);
            }
            return new SearchPage(total, hits, facets, next);
        });
    }

    /**
     * Counts items published in [{@code from}, {@code to}) by label. Relevant items are counted once
     * per duplicate cluster, with the label of the cluster's earliest member in the period.
     */
    public LabelCounts countByLabel(Instant from, Instant to) throws IOException {
        Query inPeriod = LongPoint.newRangeQuery(PUBLISHED, from.toEpochMilli(), to.toEpochMilli() - 1);
        return withSearcher(s -> {
            Map<String, String[]> firstOfCluster = new HashMap<>(); // cluster -> {published, id, label}
            long[] notRelevant = {0};
            s.search(inPeriod, new SimpleCollector() {
                private SortedDocValues labels, clusters, ids;
                private NumericDocValues published;

                @Override
                protected void doSetNextReader(LeafReaderContext context) throws IOException {
                    labels = context.reader().getSortedDocValues(LABEL);
                    clusters = context.reader().getSortedDocValues(CLUSTER);
                    ids = context.reader().getSortedDocValues(ID);
                    published = context.reader().getNumericDocValues(PUBLISHED);
                }

                @Override
                public void collect(int doc) throws IOException {
                    String label = value(labels, doc);
                    if (label == null || label.equals(NOT_RELEVANT)) {
                        notRelevant[0]++;
                        return;
                    }
                    String cluster = value(clusters, doc), id = value(ids, doc);
                    long when = published.advanceExact(doc) ? published.longValue() : Long.MAX_VALUE;
                    String[] row = {String.format("%020d", when), id, label};
                    firstOfCluster.merge(cluster, row, (a, b) -> (a[0] + a[1]).compareTo(b[0] + b[1]) <= 0 ? a : b);
                }

                @Override
                public ScoreMode scoreMode() {
                    return ScoreMode.COMPLETE_NO_SCORES;
                }
            });
            long positive = 0, balanced = 0, negative = 0;
            for (String[] row : firstOfCluster.values()) {
                switch (Label.parse(row[2])) {
                    case POSITIVE -> positive++;
                    case BALANCED -> balanced++;
                    case NEGATIVE -> negative++;
                }
            }
            return LabelCounts.of(positive, balanced, negative, notRelevant[0]);
        });
    }

    private Query filtered(SearchRequest request) {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        String text = request.query() == null ? "" : request.query().strip();
        if (text.isEmpty()) {
            query.add(new MatchAllDocsQuery(), Occur.MUST);
        } else {
            MultiFieldQueryParser parser = new MultiFieldQueryParser(new String[] {TITLE, TEXT}, analyzer,
                    Map.of(TITLE, 2f, TEXT, 1f));
            parser.setDefaultOperator(QueryParser.Operator.AND);
            parser.setAllowLeadingWildcard(false);
            try {
                query.add(parser.parse(text), Occur.MUST);
            } catch (ParseException | RuntimeException e) {
                throw new InvalidQueryException(firstLine(e.getMessage()));
            }
        }
        if (request.from() != null || request.to() != null) {
            long from = request.from() == null ? Long.MIN_VALUE : request.from().toEpochMilli();
            long to = request.to() == null ? Long.MAX_VALUE : request.to().toEpochMilli() - 1;
            query.add(LongPoint.newRangeQuery(PUBLISHED, from, to), Occur.FILTER);
        }
        if (request.label() != null) query.add(new TermQuery(new Term(LABEL, request.label().wireName())), Occur.FILTER);
        if (request.source() != null) query.add(new TermQuery(new Term(SOURCE, request.source())), Occur.FILTER);
        if (request.language() != null) query.add(new TermQuery(new Term(LANGUAGE, request.language())), Occur.FILTER);
        return query.build();
    }

    private static Map<String, Map<String, Long>> facets(IndexSearcher searcher, Query query) throws IOException {
        String[] fields = {LABEL, SOURCE, LANGUAGE};
        List<Map<String, Long>> counts = new ArrayList<>();
        for (int i = 0; i < fields.length; i++) counts.add(new TreeMap<>());
        searcher.search(query, new SimpleCollector() {
            private final SortedDocValues[] values = new SortedDocValues[fields.length];

            @Override
            protected void doSetNextReader(LeafReaderContext context) throws IOException {
                for (int i = 0; i < fields.length; i++) values[i] = context.reader().getSortedDocValues(fields[i]);
            }

            @Override
            public void collect(int doc) throws IOException {
                for (int i = 0; i < fields.length; i++) {
                    String value = value(values[i], doc);
                    if (value != null) counts.get(i).merge(value, 1L, Long::sum);
                }
            }

            @Override
            public ScoreMode scoreMode() {
                return ScoreMode.COMPLETE_NO_SCORES;
            }
        });
        Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
        for (int i = 0; i < fields.length; i++) facets.put(fields[i], counts.get(i));
        return facets;
    }

    private String[] snippets(IndexSearcher searcher, SearchRequest request, TopDocs top) throws IOException {
        String text = request.query() == null ? "" : request.query().strip();
        if (text.isEmpty() || top.scoreDocs.length == 0) return new String[top.scoreDocs.length];
        UnifiedHighlighter highlighter = UnifiedHighlighter.builder(searcher, analyzer)
                .withFormatter(new MarkFormatter())
                .withMaxLength(50_000)
                .build();
        Query query = filtered(request);
        return highlighter.highlight(TEXT, query, top, 2);
    }

    private Document toDocument(Item item, String fingerprint) throws JsonProcessingException {
        Classification c = item.classification();
        String label = c == null || !c.relevant() ? NOT_RELEVANT : c.label().wireName();
        long published = item.published() == null ? 0L : item.published().toEpochMilli();
        Document doc = new Document();
        doc.add(new StringField(ID, item.id(), Field.Store.NO));
        doc.add(new SortedDocValuesField(ID, new BytesRef(item.id())));
        doc.add(new TextField(TITLE, item.title(), Field.Store.NO));
        doc.add(new TextField(TEXT, item.text(), Field.Store.YES));
        keyword(doc, SOURCE, item.source());
        keyword(doc, LANGUAGE, item.language());
        keyword(doc, LABEL, label);
        keyword(doc, CLUSTER, item.cluster());
        doc.add(new StringField(RELEVANT, Boolean.toString(c != null && c.relevant()), Field.Store.NO));
        doc.add(new StringField(FINGERPRINT, fingerprint, Field.Store.NO));
        doc.add(new LongPoint(PUBLISHED, published));
        doc.add(new NumericDocValuesField(PUBLISHED, published));
        doc.add(new StoredField(ITEM, JSON.writeValueAsString(item.withClassification(c))));
        return doc;
    }

    private static void keyword(Document doc, String field, String value) {
        if (value == null) return;
        doc.add(new StringField(field, value, Field.Store.NO));
        doc.add(new SortedDocValuesField(field, new BytesRef(value)));
    }

    private static Item itemOf(Document doc) {
        try {
            Item item = JSON.readValue(doc.get(ITEM), Item.class);
            // the body is stored once, in the highlighted field
            return new Item(item.id(), item.url(), item.source(), item.title(), doc.get(TEXT), item.published(),
                    item.author(), item.language(), item.fetched(), item.classification(), item.cluster());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("stored item cannot be read", e);
        }
    }

    private String clusterOf(String fingerprint, String id) throws IOException {
        searchers.maybeRefreshBlocking();
        return withSearcher(s -> {
            TopDocs top = s.search(new TermQuery(new Term(FINGERPRINT, fingerprint)), 10);
            StoredFields stored = s.storedFields();
            for (ScoreDoc hit : top.scoreDocs) {
                Item other = itemOf(stored.document(hit.doc));
                if (!other.id().equals(id)) return other.cluster();
            }
            return id;
        });
    }

    /** The same for a Traditional and a Simplified copy of one text, and for copies differing in spacing and case. */
    static String fingerprint(String text) {
        String simplified = TO_SIMPLIFIED.transliterate(text == null ? "" : text);
        StringBuilder letters = new StringBuilder(simplified.length());
        simplified.codePoints().filter(Character::isLetterOrDigit)
                .forEach(c -> letters.appendCodePoint(Character.toLowerCase(c)));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(letters.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String value(SortedDocValues values, int doc) throws IOException {
        return values != null && values.advanceExact(doc) ? values.lookupOrd(values.ordValue()).utf8ToString() : null;
    }

    private static String encodeCursor(FieldDoc last) {
        String raw = last.fields[0] + ":" + ((BytesRef) last.fields[1]).utf8ToString();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static FieldDoc decodeCursor(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int colon = raw.indexOf(':');
            long published = Long.parseLong(raw.substring(0, colon));
            return new FieldDoc(Integer.MAX_VALUE, Float.NaN, new Object[] {published, new BytesRef(raw.substring(colon + 1))});
        } catch (RuntimeException e) {
            throw new InvalidQueryException("cursor is not one this service gave out");
        }
    }

    private static String lead(String text) {
        String first = text.lines().findFirst().orElse("");
        return first.length() <= 240 ? first : first.substring(0, 240) + "…";
    }

    private static String firstLine(String message) {
        return message == null ? "query cannot be parsed" : message.lines().findFirst().orElse(message);
    }

    private interface SearcherWork<T> {
        T run(IndexSearcher searcher) throws IOException;
    }

    private <T> T withSearcher(SearcherWork<T> work) throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            return work.run(searcher);
        } finally {
            searchers.release(searcher);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        searchers.close();
        writer.close();
        directory.close();
    }
}
