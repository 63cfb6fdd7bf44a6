package org.mediamonitor.index;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CachingTokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.PostingsFormat;
import org.apache.lucene.codecs.bloom.BloomFilterFactory;
import org.apache.lucene.codecs.bloom.BloomFilteringPostingsFormat;
import org.apache.lucene.codecs.bloom.FuzzySet;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.SegmentWriteState;
import org.apache.lucene.codecs.lucene103.Lucene103Codec;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.index.IndexOptions;
import org.mediamonitor.classifier.ChineseSegmenter;
import org.mediamonitor.classifier.Classifier;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SegmentCommitInfo;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SearcherLifetimeManager;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.search.uhighlight.FieldOffsetStrategy;
import org.apache.lucene.search.uhighlight.UHComponents;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.Lock;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.NumericUtils;
import org.mediamonitor.model.Classification;
import org.mediamonitor.model.CountInterval;
import org.mediamonitor.model.Item;
import org.mediamonitor.model.Label;
import org.mediamonitor.model.LabelCounts;
import org.mediamonitor.model.LedgerRow;
import org.mediamonitor.model.QueryCounts;
import org.mediamonitor.model.SavedQuery;
import org.mediamonitor.model.SearchHit;
import org.mediamonitor.model.SearchPage;
import org.mediamonitor.model.SearchRequest;
import org.mediamonitor.model.Source;
import org.mediamonitor.model.TimeCounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store of classified items, on disk in a Lucene index: adds and replaces items by id, groups
 * copies of one story into duplicate clusters, matches each new item against the saved queries, finds
 * items by query with exact totals, facets and highlighted snippets, counts them over time, and keeps the
 * KPI ledger, where each cluster counts once (or each outlet's copies once) and the count is the list.
 * Staff corrections apply to a whole cluster at once and survive re-adding. An item is durable once
 * {@link #commit()} has returned; commits also run on a timer and on {@link #close()}.
 */
public final class ItemIndex implements Closeable {
    private static final Logger log = LoggerFactory.getLogger(ItemIndex.class);
    /** How many terms a trailing wildcard may stand for in one segment before the query is refused. */
    static final int WILDCARD_CAP = 2000;
    /** Items added between two refreshes whose cluster keys are kept in memory. */
    private static final int MAX_RECENT = 50_000;
    private static final int MAX_PERIODS = 5_000;
    private static final Sort NEWEST_FIRST = new Sort(
            new SortField(IndexSchema.PUBLISHED, SortField.Type.LONG, true), new SortField(IndexSchema.ID, SortField.Type.STRING));
    private static final Sort BEST_FIRST = new Sort(SortField.FIELD_SCORE,
            new SortField(IndexSchema.PUBLISHED, SortField.Type.LONG, true), new SortField(IndexSchema.ID, SortField.Type.STRING));
    /** The review queue's order: least confident first, then newest first. */
    private static final Sort LEAST_CONFIDENT_FIRST = new Sort(new SortField(IndexSchema.REVIEW, SortField.Type.LONG),
            new SortField(IndexSchema.PUBLISHED, SortField.Type.LONG, true), new SortField(IndexSchema.ID, SortField.Type.STRING));
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final ObjectReader HIT_READER = JSON.readerFor(StoredHit.class);

    /**
     * How the index runs.
     *
     * @param commitInterval how often added items are committed (made durable); null or zero: only on {@link #commit()} and close
     * @param sources        the source of an item by its id, for the country and kind facets (may answer null)
     * @param state          folder of the corrections log and the saved queries
     * @param check          what is checked of the index files on opening
     */
    public record Options(Duration commitInterval, Function<String, Source> sources, Path state, Check check) {
        /** Checks of the index files on opening: none, the checksums of every file, or all of CheckIndex. */
        public enum Check { NONE, CHECKSUMS, FULL }

        public Options {
            if (sources == null) sources = id -> null;
            if (check == null) check = Check.CHECKSUMS;
        }

        /** These options, with the sources looked up in {@code lookup}. */
        public Options withSources(Function<String, Source> lookup) {
            return new Options(commitInterval, lookup, state, check);
        }

        /** Commits every 30 s, state in the {@code state} folder beside the index folder, checksums checked. */
        public static Options defaults(Path indexFolder) {
            Path parent = indexFolder.toAbsolutePath().getParent();
            return new Options(Duration.ofSeconds(30), null, parent.resolve("state"), Check.CHECKSUMS);
        }
    }

    private static final FieldType TEXT_WITH_OFFSETS = new FieldType();

    static {
        // offsets in the postings let the highlighter mark matches without analysing the text again
        TEXT_WITH_OFFSETS.setTokenized(true);
        TEXT_WITH_OFFSETS.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        TEXT_WITH_OFFSETS.freeze();
    }

    private final Directory directory;
    private final NewsAnalyzer news;
    private final Analyzer analyzer;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final SearcherLifetimeManager pointsInTime = new SearcherLifetimeManager();
    private final QueryLanguage language;
    private final SavedQueries savedQueries;
    private final Corrections corrections;
    private final Function<String, Source> sources;
    private final ScheduledExecutorService committer;
    /** Adds hold it shared; a refresh holds it alone, so no add falls between the searcher and the recent keys. */
    private final ReentrantReadWriteLock visibility = new ReentrantReadWriteLock();
    private final Object clusterLock = new Object();
    /** The stored fields of the hits shown lately: about 16 MB of text at most. */
    private final HitCache hitCache = new HitCache(8_000_000);
    /** Cluster keys (fingerprints and MinHash bands) of items added since the last refresh, which searches cannot see yet. */
    private final Map<String, String> recentKeys = new HashMap<>();
    private final Map<String, Long> recentStarts = new HashMap<>();
    private int recentItems;
    private final Map<String, Ledger> ledgers = new HashMap<>();
    private long ledgerVersion = -1;
    /** Rows of the ledgers kept; the cache takes no ledger beyond {@link #MAX_CACHED_LEDGER_ROWS}, so it stays small at any index size. */
    private long cachedLedgerRows;
    /** The counts of every ledger computed at {@link #ledgerVersion}: small, so kept even when the rows are not. */
    private final Map<String, LabelCounts> ledgerCounts = new HashMap<>();
    private static final long MAX_CACHED_LEDGER_ROWS = 500_000;
    /** All items of each period, by label, for the counts over time of the current reader version. */
    private final Map<String, long[][]> periodTotals = new HashMap<>();
    private long periodTotalsVersion = -1;
    /**
     * Queries parsed lately, by their text: parsing does not depend on the index, and a query with Chinese
     * words costs a run of the segmenter, a sixth of a search. Staff page through results, change the
     * period and the filters of the same query, and the saved queries come back again and again.
     */
    private final Map<String, QueryLanguage.Parsed> parsed = new java.util.LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, QueryLanguage.Parsed> eldest) {
            return size() > PARSED_QUERIES;
        }
    };
    /** Parsed queries kept: a few kilobytes each. */
    private static final int PARSED_QUERIES = 2048;

    /** Opens the index in {@code folder} with {@link Options#defaults}, creating it when there is none. */
    public ItemIndex(Path folder) throws IOException {
        this(folder, Options.defaults(folder));
    }

    /** Opens the index in {@code folder}, creating it when there is none. */
    public ItemIndex(Path folder, Options options) throws IOException {
        Files.createDirectories(folder);
        this.directory = FSDirectory.open(folder);
        check(directory, folder, options.check());
        KeywordAnalyzer keyword = new KeywordAnalyzer();
        this.news = new NewsAnalyzer();
        this.analyzer = new PerFieldAnalyzerWrapper(news, Map.of(
                IndexSchema.SOURCE, keyword, IndexSchema.LANGUAGE, keyword, IndexSchema.LABEL, keyword,
                IndexSchema.ID, keyword, IndexSchema.CLUSTER, keyword, IndexSchema.COUNTRY, keyword,
                IndexSchema.KIND, keyword, IndexSchema.QUERIES, keyword));
        IndexWriterConfig config = new IndexWriterConfig(analyzer);
        config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
        config.setCommitOnClose(true);
        // larger flushed segments: fewer merges while items pour in (a refresh every MAX_RECENT items flushes anyway)
        config.setRAMBufferSizeMB(128);
        config.setCodec(codec());
        if (sortable(directory)) {
            config.setIndexSort(NEWEST_FIRST);
        } else {
            log.warn("index {}: its documents are in the order they came, not newest first; searches with dates read every "
                    + "match of their words until `monitor reindex` rebuilds it", folder);
        }
        this.writer = new IndexWriter(directory, config);
        this.searchers = new SearcherManager(writer, null);
        this.language = new QueryLanguage(analyzer);
        this.sources = options.sources();
        this.corrections = new Corrections(options.state().resolve("corrections.jsonl"));
        this.savedQueries = new SavedQueries(options.state().resolve("saved-queries"), analyzer, language);
        reapplyCorrections();
        Duration every = options.commitInterval();
        if (every != null && !every.isZero() && !every.isNegative()) {
            committer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "index-commit");
                t.setDaemon(true);
                return t;
            });
            committer.scheduleWithFixedDelay(this::timedCommit, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            committer = null;
        }
    }

    /**
     * Whether the index in {@code directory} keeps (or, new, will keep) each segment's documents newest
     * first, by id among equal times ({@link #NEWEST_FIRST}). Then the items of a period are a run of
     * document numbers in each segment, found by two binary searches ({@link #filtered}), and a page
     * newest first fills from each segment's first matches. An index written before it kept that order
     * has segments without it, and Lucene cannot change the order of a segment already written.
     */
    private static boolean sortable(Directory directory) throws IOException {
        if (!DirectoryReader.indexExists(directory)) return true;
        for (SegmentCommitInfo segment : SegmentInfos.readLatestCommit(directory)) {
            if (!NEWEST_FIRST.equals(segment.info.getIndexSort())) return false;
        }
        return true;
    }

    /**
     * Lucene's default codec, with bloom-filtered postings for the fields looked up by exact value as items
     * arrive (id, fingerprint, MinHash bands): almost every lookup misses, and the filter answers a miss
     * without a seek in each segment's term dictionary. Indexes written without it stay readable: the
     * format is recorded per field and segment.
     */
    private static Codec codec() {
        // sized by the terms a field holds, not by the documents (Lucene's default): each item has a dozen bands
        BloomFilterFactory sizes = new BloomFilterFactory() {
            @Override
            public FuzzySet getSetForField(SegmentWriteState state, FieldInfo field) {
                int perDocument = field.name.equals(IndexSchema.BANDS) ? DuplicateClusters.BANDS : 1;
                return FuzzySet.createOptimalSet((int) Math.min(Integer.MAX_VALUE / 16, (long) state.segmentInfo.maxDoc() * perDocument), 0.02f);
            }

            @Override
            public boolean isSaturated(FuzzySet set, FieldInfo field) {
                return set.getSaturation() > 0.9f;
            }
        };
        PostingsFormat bloom = new BloomFilteringPostingsFormat(PostingsFormat.forName("Lucene103"), sizes);
        return new Lucene103Codec() {
            @Override
            public PostingsFormat getPostingsFormatForField(String field) {
                return switch (field) {
                    case IndexSchema.ID, IndexSchema.FINGERPRINT, IndexSchema.BANDS -> bloom;
                    default -> super.getPostingsFormatForField(field);
                };
            }
        };
    }

    private static void check(Directory directory, Path folder, Options.Check check) throws IOException {
        if (check == Options.Check.NONE || !DirectoryReader.indexExists(directory)) return;
        if (check == Options.Check.FULL) {
            if (!checkFiles(folder, null)) throw new IOException("the index in " + folder + " is damaged: run `monitor reindex --check` for details");
            return;
        }
        try (DirectoryReader reader = DirectoryReader.open(directory)) {
            for (LeafReaderContext leaf : reader.leaves()) leaf.reader().checkIntegrity();
        } catch (IOException e) {
            throw new IOException("the index in " + folder + " is damaged (" + e.getMessage()
                    + "): restore the data folder from a backup, or run `monitor reindex --check`", e);
        }
    }

    /**
     * Runs Lucene's CheckIndex over every file of the index in {@code folder}.
     *
     * @param out where to write the report, or null
     * @return true when the index is clean
     */
    public static boolean checkFiles(Path folder, PrintStream out) throws IOException {
        try (Directory dir = FSDirectory.open(folder); CheckIndex checker = new CheckIndex(dir)) {
            if (out != null) checker.setInfoStream(out);
            checker.setLevel(CheckIndex.Level.MIN_LEVEL_FOR_INTEGRITY_CHECKS);
            return checker.checkIndex().clean;
        }
    }

    // ---- adding

    /**
     * Adds an item, or replaces the stored one with the same id. The item joins the cluster of a stored
     * copy (the same normalised text in either script, or a near copy by MinHash), takes a staff
     * correction of its id or cluster over its own label, and is matched against the saved queries.
     *
     * @return the item as stored, with its cluster and verdict
     */
    public Item add(Item item) throws IOException {
        return add(item, null, null);
    }

    /**
     * {@link #add(Item)} for an item whose Chinese words were found on its way in: the index uses them
     * and does not segment the text again.
     *
     * @param titleWords the words of the title, or null to segment it here
     * @param textWords  the words of the text, or null to segment it here
     */
    public Item add(Item item, List<ChineseSegmenter.Word> titleWords, List<ChineseSegmenter.Word> textWords) throws IOException {
        return addAll(List.of(new Incoming(item, titleWords, textWords))).getFirst();
    }

    /**
     * An item on its way into the index, with the Chinese words of its title and text when they were
     * found on its way in (null: segmented here).
     */
    public record Incoming(Item item, List<ChineseSegmenter.Word> titleWords, List<ChineseSegmenter.Word> textWords) {
    }

    /**
     * {@link #add(Item, List, List)} for several items at once, in order: a later item of the batch joins
     * the cluster of an earlier one as if added after it. The saved queries are matched against the whole
     * batch in one pass, which costs much less than item by item.
     *
     * @return the items as stored, in the order given
     */
    public List<Item> addAll(List<Incoming> batch) throws IOException {
        int n = batch.size();
        List<Item> stored = new ArrayList<>(n);
        if (n == 0) return stored;
        // segmented once here when not given, for the index and the saved queries alike; and fingerprinted, all outside the locks
        List<List<ChineseSegmenter.Word>> titles = new ArrayList<>(n), texts = new ArrayList<>(n);
        List<DuplicateClusters.Signature> signatures = new ArrayList<>(n);
        for (Incoming in : batch) {
            titles.add(in.titleWords() != null ? in.titleWords() : words(in.item().title()));
            texts.add(in.textWords() != null ? in.textWords() : words(in.item().text()));
            signatures.add(DuplicateClusters.of(in.item().text()));
        }
        boolean refresh = false;
        visibility.readLock().lock();
        try {
            // the searcher and the recent keys together see every item added before (no refresh while the read lock is held),
            // so the index is asked here, by each adding thread in parallel, and only the recent keys under the cluster lock
            IndexCopy[] inIndex = withSearcher(s -> indexCopies(s, batch, signatures));
            String[] clusters = new String[n];
            long[] starts = new long[n];
            Map<String, Long> moved = new HashMap<>(); // clusters whose stored members take an earlier start
            synchronized (clusterLock) {
                for (int i = 0; i < n; i++) {
                    Item item = batch.get(i).item();
                    DuplicateClusters.Signature signature = signatures.get(i);
                    long published = item.published() == null ? 0L : item.published().toEpochMilli();
                    String[] found = findCluster(signature, inIndex[i]);
                    String cluster = found == null ? item.id() : found[0];
                    long known = found == null ? Long.MAX_VALUE : Long.parseLong(found[1]);
                    long start = known;
                    if (published > 0 && published < known) {
                        start = published;
                        if (found != null) moved.put(cluster, start);
                    }
                    recentKeys.put(signature.fingerprint(), cluster);
                    for (String band : signature.bands()) recentKeys.putIfAbsent(band, cluster);
                    recentStarts.put(cluster, start);
                    refresh |= ++recentItems >= MAX_RECENT;
                    clusters[i] = cluster;
                }
                // an earlier copy later in the batch moved its cluster's start: every member of the batch takes the last one
                for (int i = 0; i < n; i++) starts[i] = recentStarts.getOrDefault(clusters[i], Long.MAX_VALUE);
            }
            Document[] docs = new Document[n], forQueries = new Document[n];
            for (int i = 0; i < n; i++) {
                Item item = batch.get(i).item();
                Classification verdict = corrections.verdict(item.id(), clusters[i]).orElse(item.classification());
                Item s = item.withCluster(clusters[i]).withClassification(verdict);
                stored.add(s);
                // the title and text are analysed once: the saved queries' match fills the caches, the index replays them
                TokenStream titleTokens = new CachingTokenFilter(news.tokenStream(IndexSchema.TITLE, s.title(), titles.get(i)));
                TokenStream textTokens = new CachingTokenFilter(news.tokenStream(IndexSchema.TEXT, s.text(), texts.get(i)));
                docs[i] = document(s, signatures.get(i), starts[i]);
                analysed(docs[i], titleTokens, textTokens);
                forQueries[i] = forQueries(s);
                analysed(forQueries[i], titleTokens, textTokens);
            }
            List<List<String>> matches = savedQueries.match(forQueries);
            for (int i = 0; i < n; i++) {
                for (String query : matches.get(i)) docs[i].add(new StringField(IndexSchema.QUERIES, query, Field.Store.YES));
                writer.updateDocument(new Term(IndexSchema.ID, stored.get(i).id()), docs[i]);
            }
            // after the batch's own documents, so the field exists even when the index was empty before it
            for (Map.Entry<String, Long> m : moved.entrySet()) {
                writer.updateNumericDocValue(new Term(IndexSchema.CLUSTER, m.getKey()), IndexSchema.CLUSTER_START, m.getValue());
            }
        } finally {
            visibility.readLock().unlock();
        }
        if (refresh) refresh();
        return stored;
    }

    /**
     * The stored document most like an incoming text: its cluster and start, whether it is an exact copy,
     * and how many MinHash bands it shares.
     */
    private record IndexCopy(String cluster, long start, boolean exact, int sharedBands) {
    }

    /**
     * For each item of the batch, the searchable copy that the index holds, or null: an exact copy
     * (the same fingerprint) before any near copy, then the most bands shared, then the first document.
     * Terms are looked up directly, segment by segment, with one terms enumerator per field and segment
     * for the whole batch; the key fields' bloom filters (see {@link #codec()}) answer most misses
     * without touching the term dictionary.
     */
    private static IndexCopy[] indexCopies(IndexSearcher s, List<Incoming> batch, List<DuplicateClusters.Signature> signatures)
            throws IOException {
        int n = batch.size();
        int[] bestDoc = new int[n], bestScore = new int[n];
        java.util.Arrays.fill(bestDoc, -1);
        Map<Integer, Integer> bands = new HashMap<>();
        for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
            var reader = leaf.reader();
            Terms fingerprints = reader.terms(IndexSchema.FINGERPRINT), bandTerms = reader.terms(IndexSchema.BANDS);
            if (fingerprints == null && bandTerms == null) continue;
            TermsEnum fingerprintEnum = fingerprints == null ? null : fingerprints.iterator();
            TermsEnum bandEnum = bandTerms == null ? null : bandTerms.iterator();
            Bits live = reader.getLiveDocs();
            PostingsEnum postings = null;
            for (int i = 0; i < n; i++) {
                DuplicateClusters.Signature signature = signatures.get(i);
                bands.clear();
                if (fingerprintEnum != null && fingerprintEnum.seekExact(new BytesRef(signature.fingerprint()))) {
                    postings = fingerprintEnum.postings(postings, PostingsEnum.NONE);
                    for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
                        bands.merge(doc, 1000, Integer::sum);
                    }
                }
                if (bandEnum != null) {
                    for (String band : signature.bands()) {
                        if (!bandEnum.seekExact(new BytesRef(band))) continue;
                        postings = bandEnum.postings(postings, PostingsEnum.NONE);
                        for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
                            bands.merge(doc, 1, Integer::sum);
                        }
                    }
                }
                if (bands.isEmpty()) continue;
                String id = batch.get(i).item().id();
                for (Map.Entry<Integer, Integer> candidate : bands.entrySet()) {
                    int doc = candidate.getKey(), score = candidate.getValue(), global = leaf.docBase + doc;
                    if (live != null && !live.get(doc)) continue;
                    if (score < bestScore[i] || score == bestScore[i] && global > bestDoc[i]) continue;
                    // the item itself, about to be replaced (candidates are few: fresh doc values, which only go forward, for each)
                    if (id.equals(value(reader.getSortedDocValues(IndexSchema.ID), doc))) continue;
                    bestScore[i] = score;
                    bestDoc[i] = global;
                }
            }
        }
        IndexCopy[] copies = new IndexCopy[n];
        List<LeafReaderContext> leaves = s.getIndexReader().leaves();
        for (int i = 0; i < n; i++) {
            if (bestDoc[i] < 0) continue;
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(bestDoc[i], leaves));
            int doc = bestDoc[i] - leaf.docBase;
            String cluster = value(leaf.reader().getSortedDocValues(IndexSchema.CLUSTER), doc);
            NumericDocValues starts = leaf.reader().getNumericDocValues(IndexSchema.CLUSTER_START);
            long start = starts != null && starts.advanceExact(doc) ? starts.longValue() : Long.MAX_VALUE;
            if (cluster != null) copies[i] = new IndexCopy(cluster, start, bestScore[i] >= 1000, bestScore[i] % 1000);
        }
        return copies;
    }

    /**
     * {cluster, start} of a stored copy of the text, or null: an exact copy added since the last refresh,
     * then one in the index, then the near copy since the last refresh sharing most bands, then the
     * index's. Called under the cluster lock.
     */
    private String[] findCluster(DuplicateClusters.Signature signature, IndexCopy inIndex) {
        String exact = recentKeys.get(signature.fingerprint());
        if (exact != null) return new String[] {exact, Long.toString(recentStarts.getOrDefault(exact, Long.MAX_VALUE))};
        Map<String, Integer> shared = new HashMap<>();
        for (String band : signature.bands()) {
            String c = recentKeys.get(band);
            if (c != null) shared.merge(c, 1, Integer::sum);
        }
        String near = shared.entrySet().stream().filter(e -> e.getValue() >= DuplicateClusters.MIN_SHARED_BANDS)
                .max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
        if (inIndex != null && (inIndex.exact() || near == null && inIndex.sharedBands() >= DuplicateClusters.MIN_SHARED_BANDS)) {
            return new String[] {inIndex.cluster(), Long.toString(recentStarts.getOrDefault(inIndex.cluster(), inIndex.start()))};
        }
        return near == null ? null : new String[] {near, Long.toString(recentStarts.getOrDefault(near, Long.MAX_VALUE))};
    }

    private Document document(Item item, DuplicateClusters.Signature signature, long clusterStart) throws JsonProcessingException {
        Classification c = item.classification();
        long published = item.published() == null ? 0L : item.published().toEpochMilli();
        Source source = item.source() == null ? null : sources.apply(item.source());
        Document doc = new Document();
        doc.add(new StringField(IndexSchema.ID, item.id(), Field.Store.NO));
        doc.add(new SortedDocValuesField(IndexSchema.ID, new BytesRef(item.id())));
        doc.add(new StoredField(IndexSchema.TEXT, item.text()));
        keyword(doc, IndexSchema.SOURCE, item.source());
        keyword(doc, IndexSchema.LANGUAGE, IndexSchema.language(item.language()));
        keyword(doc, IndexSchema.COUNTRY, source == null || source.country() == null ? null : source.country().toUpperCase(java.util.Locale.ROOT));
        keyword(doc, IndexSchema.KIND, source == null ? null : source.kind().wireName());
        keyword(doc, IndexSchema.CLUSTER, item.cluster());
        doc.add(new NumericDocValuesField(IndexSchema.LABEL, IndexSchema.code(c)));
        doc.add(new BinaryDocValuesField(IndexSchema.DECIDED_BY, new BytesRef(c == null || c.decidedBy() == null ? "" : c.decidedBy())));
        if (c != null && c.relevant()) {
            doc.add(new NumericDocValuesField(IndexSchema.REVIEW,
                    c.byStaff() ? IndexSchema.DECIDED_BY_STAFF : NumericUtils.doubleToSortableLong(c.confidence())));
        }
        doc.add(new LongPoint(IndexSchema.PUBLISHED, published));
        doc.add(new NumericDocValuesField(IndexSchema.PUBLISHED, published));
        doc.add(new NumericDocValuesField(IndexSchema.CLUSTER_START, clusterStart));
        doc.add(new StringField(IndexSchema.FINGERPRINT, signature.fingerprint(), Field.Store.NO));
        for (String band : signature.bands()) doc.add(new StringField(IndexSchema.BANDS, band, Field.Store.NO));
        // the body is stored once, in the highlighted field
        Item withoutText = new Item(item.id(), item.url(), item.source(), item.title(), "", item.published(),
                item.author(), item.language(), item.fetched(), c, item.cluster());
        doc.add(new StoredField(IndexSchema.ITEM, JSON.writeValueAsString(withoutText)));
        return doc;
    }

    /**
     * The fields a saved query can ask about (no stored fields, no cluster keys): what the saved
     * queries' matcher indexes of an item, kept small because it indexes it once more.
     */
    private Document forQueries(Item item) {
        Source source = item.source() == null ? null : sources.apply(item.source());
        Document doc = new Document();
        doc.add(new StringField(IndexSchema.ID, item.id(), Field.Store.NO));
        if (item.source() != null) doc.add(new StringField(IndexSchema.SOURCE, item.source(), Field.Store.NO));
        if (item.language() != null) doc.add(new StringField(IndexSchema.LANGUAGE, IndexSchema.language(item.language()), Field.Store.NO));
        if (source != null && source.country() != null) {
            doc.add(new StringField(IndexSchema.COUNTRY, source.country().toUpperCase(java.util.Locale.ROOT), Field.Store.NO));
        }
        if (source != null) doc.add(new StringField(IndexSchema.KIND, source.kind().wireName(), Field.Store.NO));
        if (item.cluster() != null) doc.add(new StringField(IndexSchema.CLUSTER, item.cluster(), Field.Store.NO));
        doc.add(new NumericDocValuesField(IndexSchema.LABEL, IndexSchema.code(item.classification())));
        long published = item.published() == null ? 0L : item.published().toEpochMilli();
        doc.add(new LongPoint(IndexSchema.PUBLISHED, published));
        doc.add(new NumericDocValuesField(IndexSchema.PUBLISHED, published));
        return doc;
    }

    /** The analysed title and text, each a token stream that can be read once. */
    private static void analysed(Document doc, TokenStream title, TokenStream text) {
        doc.add(new TextField(IndexSchema.TITLE, title));
        doc.add(new Field(IndexSchema.TEXT, text, TEXT_WITH_OFFSETS));
    }

    private static List<ChineseSegmenter.Word> words(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.UnicodeScript.of(text.charAt(i)) == Character.UnicodeScript.HAN) return ChineseSegmenter.shared().segment(text);
        }
        return List.of();
    }

    private static void keyword(Document doc, String field, String value) {
        if (value == null) return;
        doc.add(new StringField(field, value, Field.Store.NO));
        doc.add(new SortedDocValuesField(field, new BytesRef(value)));
    }

    // ---- corrections

    /**
     * Gives a staff verdict to an item and every member of its duplicate cluster. The correction is
     * written to the corrections log before it applies, shows in counts at once, and is kept when items
     * are added again or reclassified. The text is not analysed again: only the label's doc values change.
     *
     * @return the ids of the items corrected
     * @throws NoSuchElementException   when no item has this id
     * @throws IllegalArgumentException when the verdict is not a staff member's ({@code staff:NAME})
     */
    public List<String> correct(String id, Classification staffVerdict) throws IOException {
        if (staffVerdict == null || !staffVerdict.byStaff()) {
            throw new IllegalArgumentException("a correction is decided by a staff member: decidedBy staff:NAME");
        }
        refresh();
        Item item = get(id).orElseThrow(() -> new NoSuchElementException("no item " + id));
        corrections.record(new Corrections.Correction(id, item.cluster(), staffVerdict));
        visibility.readLock().lock();
        try {
            apply(item.cluster(), staffVerdict);
        } finally {
            visibility.readLock().unlock();
        }
        commit();
        return members(item.cluster()).stream().map(Item::id).toList();
    }

    private void apply(String cluster, Classification verdict) throws IOException {
        writer.updateDocValues(new Term(IndexSchema.CLUSTER, cluster),
                new NumericDocValuesField(IndexSchema.LABEL, IndexSchema.code(verdict)),
                new BinaryDocValuesField(IndexSchema.DECIDED_BY, new BytesRef(verdict.decidedBy())),
                new NumericDocValuesField(IndexSchema.REVIEW, IndexSchema.DECIDED_BY_STAFF));
    }

    /** Applies the logged corrections to the clusters their items are in now (after a crash, or a rebuild that regrouped them). */
    private void reapplyCorrections() throws IOException {
        if (corrections.size() == 0) return;
        searchers.maybeRefreshBlocking();
        for (Corrections.Correction c : corrections.latest()) {
            Optional<Item> item = get(c.item());
            if (item.isEmpty()) continue;
            String cluster = item.get().cluster();
            corrections.alias(c, cluster);
            apply(cluster, c.verdict());
        }
        searchers.maybeRefreshBlocking();
    }

    // ---- durability and visibility

    /** Makes every added item durable and visible to searches. */
    public void commit() throws IOException {
        writer.commit();
        refresh();
        pointsInTime.prune(new SearcherLifetimeManager.PruneByAge(600)); // cursors live ten minutes
    }

    private void timedCommit() {
        try {
            if (writer.hasUncommittedChanges()) commit();
        } catch (IOException | RuntimeException e) {
            log.error("timed index commit failed: {}", e.getMessage(), e);
        }
    }

    /** Makes added items visible to searches without waiting for the disk. */
    public void refresh() throws IOException {
        visibility.writeLock().lock();
        try {
            searchers.maybeRefreshBlocking();
            synchronized (clusterLock) {
                recentKeys.clear();
                recentStarts.clear();
                recentItems = 0;
            }
        } finally {
            visibility.writeLock().unlock();
        }
    }

    /**
     * A number that changes whenever what searches, counts and the ledger see changes: items added and
     * made visible, staff corrections (at once, before the index shows them), refreshes and commits that
     * change the index. Equal numbers mean equal answers, so responses may be cached under it.
     */
    public long version() throws IOException {
        // both grow and never shrink, so their sum changes whenever either does
        return withSearcher(s -> ((DirectoryReader) s.getIndexReader()).getVersion()) + corrections.recorded();
    }

    // ---- reading

    /** True when an item with this id is stored (committed or not). */
    public boolean contains(String id) {
        try {
            refresh();
            return withSearcher(s -> s.count(new TermQuery(new Term(IndexSchema.ID, id))) > 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stored item with this id (with the staff verdict, when one was given to it or its cluster). */
    public Optional<Item> get(String id) throws IOException {
        return withSearcher(s -> {
            TopDocs top = s.search(new TermQuery(new Term(IndexSchema.ID, id)), 1);
            if (top.scoreDocs.length == 0) return Optional.<Item>empty();
            return Optional.of(itemOf(s.storedFields().document(top.scoreDocs[0].doc)));
        });
    }

    /** The ids of the saved queries that the item matched when it was indexed. */
    public List<String> savedQueryMatches(String id) throws IOException {
        return withSearcher(s -> {
            TopDocs top = s.search(new TermQuery(new Term(IndexSchema.ID, id)), 1);
            if (top.scoreDocs.length == 0) return List.<String>of();
            return List.of(s.storedFields().document(top.scoreDocs[0].doc).getValues(IndexSchema.QUERIES));
        });
    }

    /** The members of a duplicate cluster, earliest first. */
    public List<Item> members(String cluster) throws IOException {
        return withSearcher(s -> {
            TopDocs top = s.search(new TermQuery(new Term(IndexSchema.CLUSTER, cluster)), 10_000,
                    new Sort(new SortField(IndexSchema.PUBLISHED, SortField.Type.LONG), new SortField(IndexSchema.ID, SortField.Type.STRING)));
            StoredFields stored = s.storedFields();
            List<Item> items = new ArrayList<>();
            for (ScoreDoc hit : top.scoreDocs) items.add(itemOf(stored.document(hit.doc)));
            return items;
        });
    }

    /** Number of stored items. */
    public long size() throws IOException {
        return withSearcher(s -> (long) s.getIndexReader().numDocs());
    }

    /** Hands every stored item, newest first, to {@code sink}, a page at a time from one point in time. */
    public void forEach(Consumer<Item> sink) throws IOException {
        withSearcher(s -> {
            FieldDoc after = null;
            StoredFields stored = s.storedFields();
            while (true) {
                TopDocs page = s.search(new MatchAllDocsQuery(), new TopFieldCollectorManager(NEWEST_FIRST, 10_000, after, 1));
                for (ScoreDoc hit : page.scoreDocs) sink.accept(itemOf(stored.document(hit.doc)));
                if (page.scoreDocs.length < 10_000) return null;
                after = (FieldDoc) page.scoreDocs[page.scoreDocs.length - 1];
            }
        });
    }

    /** The saved queries; items are matched against them as they are added. */
    public SavedQueries savedQueries() {
        return savedQueries;
    }

    // ---- searching

    /**
     * Runs a search. Pages that follow a cursor come from the same point in time as the first page (for
     * ten minutes), so paging returns exactly {@code total} items even while items are added or corrected.
     *
     * @throws InvalidQueryException when the query cannot be parsed (the message says where) or the cursor is not valid
     */
    public SearchPage search(SearchRequest request) throws IOException {
        QueryLanguage.Parsed parsed = parse(request.query());
        Query query = filtered(parsed.query(), request.from(), request.to(), request);
        Sort sort = request.sort() == SearchRequest.Sort.RELEVANCE ? BEST_FIRST : NEWEST_FIRST;
        Cursor cursor = request.cursor() == null ? null : Cursor.decode(request.cursor(), order(request.sort()), sort);
        IndexSearcher s = cursor == null ? null : pointsInTime.acquire(cursor.version());
        if (s == null) s = searchers.acquire(); // a cursor whose point in time has been pruned continues on the latest
        try {
            long version = pointsInTime.record(s);
            checkWildcards(s, parsed.prefixes());
            // one pass finds the page and counts every match: counting sees each match anyway, and the
            // page's collector then costs one comparison per match instead of a second run of the query
            FieldDoc after = cursor == null ? null : cursor.after();
            Object[] found = s.search(query, new MultiCollectorManager(sort == NEWEST_FIRST
                    ? NewestFirst.manager(request.size() + 1, after)
                    : new TopFieldCollectorManager(sort, request.size() + 1, after, Integer.MAX_VALUE),
                    Tally.manager(Tally.FACETS, null)));
            TopDocs top = (TopDocs) found[0];
            Tally tally = (Tally) found[1];
            int shown = Math.min(request.size(), top.scoreDocs.length);
            ScoreDoc[] page = java.util.Arrays.copyOf(top.scoreDocs, shown);
            // each hit's stored fields are read once, for the hit and for its snippet
            StoredFields stored = s.storedFields();
            Map<Integer, String> texts = new HashMap<>();
            Map<String, int[]> sentences = new java.util.IdentityHashMap<>();
            StoredHit[] read = new StoredHit[shown];
            // in the order of the documents, so hits that share a compressed block of the stored fields decompress it once
            Integer[] byDoc = new Integer[shown];
            for (int i = 0; i < shown; i++) byDoc[i] = i;
            java.util.Arrays.sort(byDoc, Comparator.comparingInt(i -> page[i].doc));
            List<LeafReaderContext> leaves = s.getIndexReader().leaves();
            for (int i : byDoc) {
                LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(page[i].doc, leaves));
                IndexReader.CacheHelper core = leaf.reader().getCoreCacheHelper();
                HitCache.Key key = core == null ? null : new HitCache.Key(core.getKey(), page[i].doc - leaf.docBase);
                HitCache.Entry entry = key == null ? null : hitCache.get(key);
                if (entry == null) {
                    Document doc = stored.document(page[i].doc, HIT_FIELDS);
                    entry = new HitCache.Entry(storedHit(doc), Objects.requireNonNullElse(doc.get(IndexSchema.TEXT), ""));
                    if (key != null) hitCache.put(key, entry);
                }
                read[i] = entry.hit();
                texts.put(page[i].doc, entry.text());
                sentences.put(entry.text(), entry.sentences());
            }
            String[] snippets = snippets(s, parsed.query(), page, texts, sentences);
            List<SearchHit> hits = new ArrayList<>();
            for (int i = 0; i < shown; i++) {
                StoredHit h = read[i];
                Classification verdict = corrections.verdict(h.id(), h.cluster()).orElse(null);
                Label label = verdict != null ? verdict.label() : h.classification() == null ? null : h.classification().label();
                Double confidence = verdict != null ? (verdict.relevant() ? verdict.confidence() : null)
                        : h.classification() == null || !h.classification().relevant() ? null : h.classification().confidence();
                String snippet = snippets[i] != null ? snippets[i] : lead(texts.get(page[i].doc));
                hits.add(new SearchHit(h.id(), h.url(), h.title(), h.source(), h.published(), h.language(), label, confidence, snippet));
            }
            String next = null;
            if (top.scoreDocs.length > request.size()) {
                FieldDoc last = (FieldDoc) page[shown - 1];
                if (last.fields[1] == null) last.fields[1] = new BytesRef(read[shown - 1].id()); // NewestFirst reads ids only for ties
                next = new Cursor(version, last).encode(order(request.sort()));
            }
            return new SearchPage(tally.total, hits, tally.facets(), next);
        } finally {
            searchers.release(s);
        }
    }

    private static char order(SearchRequest.Sort sort) {
        return sort == SearchRequest.Sort.RELEVANCE ? 'r' : 'd';
    }

    /**
     * The staff's review queue: relevant items whose label a model gave (not staff) with confidence below
     * {@link Classifier#REVIEW_BELOW}, least confident first (ties: newest first, then by id). Pages follow
     * a cursor from the same point in time, as in {@link #search}; {@code total} is the exact length of
     * the queue and each hit carries its confidence. A staff correction takes the item and its whole
     * cluster out of the queue at once. Items of an index written before the queue existed join it when the
     * index is rebuilt ({@code monitor reindex}).
     *
     * @param source   only items of this source id, or null
     * @param language only items in this language, or null
     * @param size     hits on a page, 1 to {@link SearchRequest#MAX_SIZE}
     * @param cursor   the {@code next} of the previous page, or null for the first
     * @throws InvalidQueryException when the cursor is not one this queue gave out
     */
    public SearchPage reviewQueue(String source, String language, int size, String cursor) throws IOException {
        if (size < 1 || size > SearchRequest.MAX_SIZE) throw new IllegalArgumentException("size must be from 1 to " + SearchRequest.MAX_SIZE);
        BooleanQuery.Builder b = new BooleanQuery.Builder().add(NumericDocValuesField.newSlowRangeQuery(IndexSchema.REVIEW,
                Long.MIN_VALUE, NumericUtils.doubleToSortableLong(Classifier.REVIEW_BELOW) - 1), Occur.FILTER);
        if (source != null) b.add(new TermQuery(new Term(IndexSchema.SOURCE, source)), Occur.FILTER);
        if (language != null) b.add(new TermQuery(new Term(IndexSchema.LANGUAGE, IndexSchema.language(language))), Occur.FILTER);
        Query query = b.build();
        Cursor after = cursor == null ? null : Cursor.decode(cursor, 'q', LEAST_CONFIDENT_FIRST);
        IndexSearcher s = after == null ? null : pointsInTime.acquire(after.version());
        if (s == null) s = searchers.acquire();
        try {
            long version = pointsInTime.record(s);
            TopDocs top = s.search(query, new TopFieldCollectorManager(LEAST_CONFIDENT_FIRST, size + 1,
                    after == null ? null : after.after(), size + 1));
            Tally tally = new Tally(Tally.FACETS, null);
            s.search(query, tally);
            int shown = Math.min(size, top.scoreDocs.length);
            StoredFields stored = s.storedFields();
            List<SearchHit> hits = new ArrayList<>(shown);
            for (int i = 0; i < shown; i++) {
                Item item = itemOf(stored.document(top.scoreDocs[i].doc));
                Classification c = item.classification();
                hits.add(new SearchHit(item.id(), item.url(), item.title(), item.source(), item.published(), item.language(),
                        c == null ? null : c.label(), c == null ? null : c.confidence(), lead(item.text())));
            }
            String next = top.scoreDocs.length > size ? new Cursor(version, (FieldDoc) top.scoreDocs[shown - 1]).encode('q') : null;
            return new SearchPage(tally.total, hits, tally.facets(), next);
        } finally {
            searchers.release(s);
        }
    }

    /**
     * How many items match {@code query} (blank: all) published in [{@code from}, {@code to}), by label
     * and facet, and their share of all items of the period.
     */
    public QueryCounts counts(String query, Instant from, Instant to) throws IOException {
        QueryLanguage.Parsed parsed = parse(query);
        return withSearcher(s -> {
            checkWildcards(s, parsed.prefixes());
            Tally tally = new Tally(Tally.FACETS, null);
            s.search(filtered(parsed.query(), from, to, null), tally);
            long all = s.count(filtered(new MatchAllDocsQuery(), from, to, null));
            return new QueryCounts(tally.total, all, ratio(tally.total, all), labelCounts(tally.labels), tally.facets());
        });
    }

    /** {@link #counts} of a saved query. @throws NoSuchElementException when there is no such saved query */
    public QueryCounts counts(SavedQuery saved, Instant from, Instant to) throws IOException {
        return counts(saved.query(), from, to);
    }

    /**
     * Counts of the items that match {@code query} (blank: all) published in [{@code from}, {@code to}),
     * period by period (days, Monday weeks, months or years in Asia/Taipei), split by label, with all
     * items of each period beside them.
     */
    public TimeCounts countsOverTime(String query, Instant from, Instant to, CountInterval interval) throws IOException {
        if (from == null || to == null || !from.isBefore(to)) throw new InvalidQueryException("counts over time need a period: from before to");
        List<ZonedDateTime> starts = periodStarts(from, to, interval);
        long[] bounds = starts.stream().mapToLong(z -> z.toInstant().toEpochMilli()).toArray();
        bounds[0] = Math.max(bounds[0], from.toEpochMilli());
        bounds[bounds.length - 1] = Math.min(bounds[bounds.length - 1], to.toEpochMilli());
        QueryLanguage.Parsed parsed = parse(query);
        return withSearcher(s -> {
            checkWildcards(s, parsed.prefixes());
            Tally matching = new Tally(new String[0], bounds);
            s.search(filtered(parsed.query(), from, to, null), matching);
            long[][] all = periodTotals(s, from, to, interval, bounds);
            List<TimeCounts.Period> periods = new ArrayList<>();
            for (int i = 0; i < bounds.length - 1; i++) {
                long allCount = java.util.Arrays.stream(all[i]).sum();
                long count = java.util.Arrays.stream(matching.periods[i]).sum();
                periods.add(new TimeCounts.Period(periodName(starts.get(i), interval), Instant.ofEpochMilli(bounds[i]),
                        labelCounts(matching.periods[i]), allCount, ratio(count, allCount)));
            }
            return new TimeCounts(interval, periods);
        });
    }

    /** All items of each period, by label code: the same for every query over the period, so kept while the index is unchanged. */
    private long[][] periodTotals(IndexSearcher s, Instant from, Instant to, CountInterval interval, long[] bounds) throws IOException {
        long version = ((DirectoryReader) s.getIndexReader()).getVersion();
        String key = from + "|" + to + "|" + interval;
        synchronized (periodTotals) {
            if (version != periodTotalsVersion) {
                periodTotals.clear();
                periodTotalsVersion = version;
            }
            long[][] known = periodTotals.get(key);
            if (known != null) return known;
        }
        Tally all = new Tally(new String[0], bounds);
        s.search(filtered(new MatchAllDocsQuery(), from, to, null), all);
        synchronized (periodTotals) {
            if (version == periodTotalsVersion && periodTotals.size() < 64) periodTotals.put(key, all.periods);
        }
        return all.periods;
    }

    private static List<ZonedDateTime> periodStarts(Instant from, Instant to, CountInterval interval) {
        ZonedDateTime day = from.atZone(IndexSchema.TAIPEI).truncatedTo(ChronoUnit.DAYS);
        ZonedDateTime start = switch (interval) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
            case YEAR -> day.withDayOfYear(1);
        };
        List<ZonedDateTime> starts = new ArrayList<>();
        starts.add(start);
        while (start.toInstant().isBefore(to)) {
            start = switch (interval) {
                case DAY -> start.plusDays(1);
                case WEEK -> start.plusWeeks(1);
                case MONTH -> start.plusMonths(1);
                case YEAR -> start.plusYears(1);
            };
            starts.add(start);
            if (starts.size() > MAX_PERIODS) throw new InvalidQueryException("more than " + MAX_PERIODS + " periods: choose a longer interval");
        }
        return starts;
    }

    private static String periodName(ZonedDateTime start, CountInterval interval) {
        LocalDate d = start.toLocalDate();
        return switch (interval) {
            case DAY, WEEK -> d.toString();
            case MONTH -> d.toString().substring(0, 7);
            case YEAR -> Integer.toString(d.getYear());
        };
    }

    private static Double ratio(long part, long whole) {
        return whole == 0 ? null : Math.round((double) part / whole * 1_000_000) / 1_000_000.0;
    }

    private static LabelCounts labelCounts(long[] byCode) {
        return LabelCounts.of(byCode[2], byCode[3], byCode[4], byCode[IndexSchema.NOT_RELEVANT_CODE]);
    }

    private QueryLanguage.Parsed parse(String text) {
        String q = text == null ? "" : text.strip();
        if (q.isEmpty()) return new QueryLanguage.Parsed(new MatchAllDocsQuery(), List.of());
        // a page of results, its counts over time and its facets parse the same text: Chinese words are segmented once
        synchronized (parsed) {
            QueryLanguage.Parsed known = parsed.get(q);
            if (known != null) return known;
        }
        QueryLanguage.Parsed p = language.parse(q);
        synchronized (parsed) {
            parsed.put(q, p);
        }
        return p;
    }

    private static Query filtered(Query query, Instant from, Instant to, SearchRequest request) {
        BooleanQuery.Builder b = new BooleanQuery.Builder().add(query, Occur.MUST);
        if (from != null || to != null) {
            long lo = from == null ? Long.MIN_VALUE : from.toEpochMilli();
            long hi = to == null ? Long.MAX_VALUE : to.toEpochMilli() - 1;
            b.add(new PublishedRange(NEWEST_FIRST, lo, hi), Occur.FILTER);
        }
        if (request != null) {
            if (request.label() != null) b.add(NumericDocValuesField.newSlowExactQuery(IndexSchema.LABEL, IndexSchema.code(request.label())), Occur.FILTER);
            if (request.source() != null) b.add(new TermQuery(new Term(IndexSchema.SOURCE, request.source())), Occur.FILTER);
            if (request.language() != null) b.add(new TermQuery(new Term(IndexSchema.LANGUAGE, IndexSchema.language(request.language()))), Occur.FILTER);
        }
        return b.build();
    }

    /** Refuses a trailing wildcard that stands for more than {@link #WILDCARD_CAP} terms. */
    private static void checkWildcards(IndexSearcher s, List<QueryLanguage.Prefix> prefixes) throws IOException {
        for (QueryLanguage.Prefix p : prefixes) {
            BytesRef prefix = new BytesRef(p.prefix());
            for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
                Terms terms = leaf.reader().terms(p.field());
                if (terms == null) continue;
                TermsEnum te = terms.iterator();
                if (te.seekCeil(prefix) == TermsEnum.SeekStatus.END) continue;
                int n = 0;
                for (BytesRef t = te.term(); t != null && org.apache.lucene.util.StringHelper.startsWith(t, prefix); t = te.next()) {
                    if (++n > WILDCARD_CAP) {
                        throw new InvalidQueryException("'" + p.prefix() + "*' stands for more than " + WILDCARD_CAP
                                + " words: give more letters before '*'", p.position());
                    }
                }
            }
        }
    }

    /**
     * Snippets of the page's hits from their texts, already read (by document number), so none is read
     * twice, and the texts' sentence boundaries, found when the texts were read (by text instance).
     */
    private String[] snippets(IndexSearcher searcher, Query query, ScoreDoc[] page, Map<Integer, String> texts,
                              Map<String, int[]> sentences) throws IOException {
        if (page.length == 0 || query instanceof MatchAllDocsQuery) return new String[page.length];
        UnifiedHighlighter.Builder builder = UnifiedHighlighter.builder(searcher, analyzer)
                .withFormatter(new MarkFormatter()).withScorer(SnippetScorer.INSTANCE).withMaxLength(50_000)
                // for each hit, only the text field's postings of the query's terms are read; the weight's matches
                // would build a scorer of the whole query, every field and clause, for each hit
                .withBreakIterator(() -> new SentenceBreaks(sentences)).withWeightMatches(false);
        UnifiedHighlighter highlighter = new UnifiedHighlighter(builder) {
            @Override
            protected OffsetSource getOffsetSource(String field) {
                // the text field keeps offsets in its postings (TEXT_WITH_OFFSETS); asking the index would merge
                // the field infos of every segment for each search
                return IndexSchema.TEXT.equals(field) ? OffsetSource.POSTINGS : super.getOffsetSource(field);
            }

            @Override
            protected FieldOffsetStrategy getOffsetStrategy(OffsetSource source, UHComponents components) {
                return source == OffsetSource.POSTINGS ? new ForwardPostings(components) : super.getOffsetStrategy(source, components);
            }

            @Override
            protected List<CharSequence[]> loadFieldValues(String[] fields, DocIdSetIterator docs, int cacheCharsThreshold)
                    throws IOException {
                List<CharSequence[]> values = new ArrayList<>();
                for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
                    CharSequence[] byField = new CharSequence[fields.length];
                    for (int f = 0; f < fields.length; f++) byField[f] = IndexSchema.TEXT.equals(fields[f]) ? texts.get(doc) : null;
                    values.add(byField);
                }
                return values;
            }
        };
        TopDocs docs = new TopDocs(new TotalHits(page.length, TotalHits.Relation.EQUAL_TO), page);
        return highlighter.highlight(IndexSchema.TEXT, query, docs, 2);
    }

    // ---- the KPI ledger

    /** {@link #countByLabel(Instant, Instant, boolean)}, each duplicate cluster counted once. */
    public LabelCounts countByLabel(Instant from, Instant to) throws IOException {
        return countByLabel(from, to, false);
    }

    /**
     * The KPI counts of the period [{@code from}, {@code to}): the rows of {@link #ledger} by label, so
     * the count is always the list. {@code notRelevant} counts the clusters whose label is not relevant.
     */
    public LabelCounts countByLabel(Instant from, Instant to, boolean perOutlet) throws IOException {
        return withSearcher(s -> {
            long version = ((DirectoryReader) s.getIndexReader()).getVersion();
            synchronized (ledgers) {
                if (version == ledgerVersion) {
                    LabelCounts known = ledgerCounts.get(from + "|" + to + "|" + perOutlet);
                    if (known != null) return known;
                }
            }
            if (!perOutlet) {
                CountedClusters counted = countedClusters(s);
                if (counted != null) return counted.between(from, to);
            }
            return ledgerOf(from, to, perOutlet).counts;
        });
    }

    /**
     * Each duplicate cluster's counted time and label at one index version, earliest first, with running
     * counts by label code: the KPI counts of any period are then two binary searches. A cluster counts
     * at the time of its earliest copy and with the label of that copy (the one with the smallest id when
     * copies share the time), whatever the period, which is what {@link #collectLedger} lists; so the
     * counts of a period are the differences of the running counts at its two ends.
     */
    private record CountedClusters(long version, long[] times, long[] running, int codes) {
        LabelCounts between(Instant from, Instant to) {
            int lo = firstAtOrAfter(from.toEpochMilli()), hi = Math.max(lo, firstAtOrAfter(to.toEpochMilli())); // an empty period counts nothing
            long[] byCode = new long[codes];
            for (int c = 0; c < codes; c++) byCode[c] = running[hi * codes + c] - running[lo * codes + c];
            long positive = 0, balanced = 0, negative = 0;
            for (int c = 0; c < codes; c++) {
                Label label = IndexSchema.label(c);
                if (label == Label.POSITIVE) positive += byCode[c];
                else if (label == Label.BALANCED) balanced += byCode[c];
                else if (label == Label.NEGATIVE) negative += byCode[c];
            }
            return LabelCounts.of(positive, balanced, negative, byCode[IndexSchema.NOT_RELEVANT_CODE]);
        }

        private int firstAtOrAfter(long time) {
            int lo = 0, hi = times.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (times[mid] < time) lo = mid + 1;
                else hi = mid;
            }
            return lo;
        }
    }

    /**
     * Periods whose counts are collected as ledgers at one index version before the running counts are
     * made: a pass over every item costs some twenty ledgers of a year, and the index changes with each
     * commit of the crawler, while most versions are asked about a few periods (this year, this month).
     */
    private static final int LEDGERS_BEFORE_RUNNING_COUNTS = 8;
    private final Object countedLock = new Object();
    /** The clusters counted at the latest version asked about; null before; {@code times == null}: not available then. */
    private CountedClusters counted;
    private long countedVersion = -1;
    private int periodsCounted;

    /**
     * The {@link CountedClusters} of the searcher's version, found in one pass over the index once more
     * than {@link #LEDGERS_BEFORE_RUNNING_COUNTS} periods have been counted at that version (null until
     * then: the period is collected as a ledger); null also when some item lacks its cluster's start (an
     * index written before clusters kept it).
     */
    private CountedClusters countedClusters(IndexSearcher s) throws IOException {
        long version = ((DirectoryReader) s.getIndexReader()).getVersion();
        synchronized (countedLock) {
            if (counted != null && counted.version() == version) return counted.times() == null ? null : counted;
            if (countedVersion != version) {
                countedVersion = version;
                periodsCounted = 0;
            }
            if (++periodsCounted <= LEDGERS_BEFORE_RUNNING_COUNTS) return null;
            record First(long time, String id, int label) {
            }
            Map<String, First> first = new HashMap<>();
            boolean complete = true;
            for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
                LeafReader r = leaf.reader();
                Bits live = r.getLiveDocs();
                NumericDocValues published = r.getNumericDocValues(IndexSchema.PUBLISHED);
                NumericDocValues starts = r.getNumericDocValues(IndexSchema.CLUSTER_START);
                NumericDocValues labels = r.getNumericDocValues(IndexSchema.LABEL);
                SortedDocValues clusters = r.getSortedDocValues(IndexSchema.CLUSTER), ids = r.getSortedDocValues(IndexSchema.ID);
                for (int doc = 0; doc < r.maxDoc() && complete; doc++) {
                    if (live != null && !live.get(doc)) continue;
                    long when = published != null && published.advanceExact(doc) ? published.longValue() : 0;
                    if (starts == null || !starts.advanceExact(doc)) {
                        complete = false;
                        break;
                    }
                    if (starts.longValue() != when) continue; // not its cluster's earliest copy
                    String cluster = value(clusters, doc), id = value(ids, doc);
                    First known = first.get(cluster);
                    if (known != null && (known.time() < when || known.time() == when && known.id().compareTo(id) <= 0)) continue;
                    first.put(cluster, new First(when, id, labels != null && labels.advanceExact(doc) ? (int) labels.longValue() : 0));
                }
            }
            if (!complete) {
                counted = new CountedClusters(version, null, null, 0);
                return null;
            }
            First[] sorted = first.values().toArray(First[]::new);
            java.util.Arrays.sort(sorted, Comparator.comparingLong(First::time));
            int codes = IndexSchema.LABEL_NAMES.length;
            long[] times = new long[sorted.length];
            long[] running = new long[(sorted.length + 1) * codes];
            for (int i = 0; i < sorted.length; i++) {
                times[i] = sorted[i].time();
                System.arraycopy(running, i * codes, running, (i + 1) * codes, codes);
                int code = sorted[i].label();
                if (code >= 0 && code < codes) running[(i + 1) * codes + code]++;
            }
            counted = new CountedClusters(version, times, running, codes);
            return counted;
        }
    }

    /** The KPI counts of a period collected as its ledger, as before {@link CountedClusters}: for tests. */
    LabelCounts collectedCounts(Instant from, Instant to) throws IOException {
        return withSearcher(s -> collectLedger(s, from, to, false).counts);
    }

    /**
     * The counted rows of the period [{@code from}, {@code to}), earliest first. A duplicate cluster
     * counts in the period of its earliest copy, once, with its label (staff corrections apply to the
     * whole cluster); with {@code perOutlet}, each outlet's copies of a story count once. Only relevant
     * rows are listed.
     */
    public List<LedgerRow> ledger(Instant from, Instant to, boolean perOutlet) throws IOException {
        return ledgerOf(from, to, perOutlet).rows();
    }

    /**
     * The counted rows of a period and, counted from them once, their numbers by label. The rows are put
     * in order only when they are listed: the KPI counts do not need it.
     */
    private static final class Ledger {
        private final List<LedgerRow> unordered;
        final LabelCounts counts;
        private List<LedgerRow> ordered;

        Ledger(List<LedgerRow> unordered, long notRelevant) {
            this.unordered = unordered;
            long positive = 0, balanced = 0, negative = 0;
            for (LedgerRow row : unordered) {
                switch (row.label()) {
                    case POSITIVE -> positive++;
                    case BALANCED -> balanced++;
                    case NEGATIVE -> negative++;
                }
            }
            this.counts = LabelCounts.of(positive, balanced, negative, notRelevant);
        }

        int size() {
            return unordered.size();
        }

        synchronized List<LedgerRow> rows() {
            if (ordered == null) {
                List<LedgerRow> rows = new ArrayList<>(unordered);
                rows.sort(Comparator.comparing(LedgerRow::published).thenComparing(LedgerRow::item));
                ordered = List.copyOf(rows);
            }
            return ordered;
        }
    }

    private Ledger ledgerOf(Instant from, Instant to, boolean perOutlet) throws IOException {
        return withSearcher(s -> {
            long version = ((DirectoryReader) s.getIndexReader()).getVersion();
            String key = from + "|" + to + "|" + perOutlet;
            synchronized (ledgers) {
                if (version != ledgerVersion) {
                    ledgers.clear();
                    ledgerCounts.clear();
                    cachedLedgerRows = 0;
                    ledgerVersion = version;
                }
                Ledger cached = ledgers.get(key);
                if (cached != null) return cached;
            }
            Ledger ledger = collectLedger(s, from, to, perOutlet);
            synchronized (ledgers) {
                if (version == ledgerVersion && ledgerCounts.size() < 10_000) ledgerCounts.put(key, ledger.counts);
                if (version == ledgerVersion && ledgers.size() < 64 && cachedLedgerRows + ledger.size() <= MAX_CACHED_LEDGER_ROWS
                        && ledgers.putIfAbsent(key, ledger) == null) {
                    cachedLedgerRows += ledger.size();
                }
            }
            return ledger;
        });
    }

    private static Ledger collectLedger(IndexSearcher s, Instant from, Instant to, boolean perOutlet) throws IOException {
        Query inPeriod = new PublishedRange(NEWEST_FIRST, from.toEpochMilli(), to.toEpochMilli() - 1);
        record Row(long published, String id, String cluster, String source, int label, String decidedBy) {
        }
        Map<String, Row> first = new HashMap<>();
        s.search(inPeriod, new SimpleCollector() {
            private SortedDocValues clusters, ids, sourcesValues;
            private NumericDocValues published, starts, labels;
            private BinaryDocValues decidedBy;

            @Override
            protected void doSetNextReader(LeafReaderContext context) throws IOException {
                var r = context.reader();
                clusters = r.getSortedDocValues(IndexSchema.CLUSTER);
                ids = r.getSortedDocValues(IndexSchema.ID);
                sourcesValues = r.getSortedDocValues(IndexSchema.SOURCE);
                published = r.getNumericDocValues(IndexSchema.PUBLISHED);
                starts = r.getNumericDocValues(IndexSchema.CLUSTER_START);
                labels = r.getNumericDocValues(IndexSchema.LABEL);
                decidedBy = r.getBinaryDocValues(IndexSchema.DECIDED_BY);
            }

            @Override
            public void collect(int doc) throws IOException {
                long when = published.advanceExact(doc) ? published.longValue() : 0;
                // a cluster counts in the period of its earliest copy, and only there
                if (!perOutlet && starts != null && starts.advanceExact(doc) && starts.longValue() != when) return;
                String cluster = value(clusters, doc), id = value(ids, doc), source = value(sourcesValues, doc);
                String key = perOutlet ? cluster + "\u0000" + source : cluster;
                Row known = first.get(key);
                if (known != null && (known.published < when || known.published == when && known.id.compareTo(id) <= 0)) return;
                int label = labels != null && labels.advanceExact(doc) ? (int) labels.longValue() : 0;
                String by = decidedBy != null && decidedBy.advanceExact(doc) ? decidedBy.binaryValue().utf8ToString() : "";
                first.put(key, new Row(when, id, cluster, source, label, by));
            }

            @Override
            public ScoreMode scoreMode() {
                return ScoreMode.COMPLETE_NO_SCORES;
            }
        });
        List<LedgerRow> rows = new ArrayList<>();
        long notRelevant = 0;
        for (Row r : first.values()) {
            Label label = IndexSchema.label(r.label);
            if (label == null) {
                if (r.label == IndexSchema.NOT_RELEVANT_CODE) notRelevant++;
                continue;
            }
            rows.add(new LedgerRow(r.cluster, r.id, r.source, Instant.ofEpochMilli(r.published), label,
                    r.decidedBy.isEmpty() ? null : r.decidedBy));
        }
        return new Ledger(rows, notRelevant);
    }

    // ---- rebuilding

    /**
     * Rebuilds the index in {@code folder} from the items stored in it: a new index is written beside
     * it (clusters found again, saved queries matched again, corrections applied again) and then takes
     * its place. The service must be stopped (the index is locked while it runs).
     *
     * @param progress hears the number of items copied so far, every 10,000
     * @return the number of items in the new index
     */
    public static long rebuild(Path folder, Options options, Consumer<Long> progress) throws IOException {
        return rebuild(folder, options, progress, REBUILD_BATCH);
    }

    /** Items a rebuild adds at once ({@link #addAll}), while the next ones are segmented. */
    static final int REBUILD_BATCH = 256;

    /**
     * {@link #rebuild(Path, Options, Consumer)} in batches of {@code batchSize} items: the Chinese text of
     * the next batch is segmented on every core while a batch is added, in order, oldest first, so the
     * clusters come out as if the items were added one by one.
     */
    static long rebuild(Path folder, Options options, Consumer<Long> progress, int batchSize) throws IOException {
        Path fresh = folder.resolveSibling(folder.getFileName() + ".rebuilding");
        Path old = folder.resolveSibling(folder.getFileName() + ".old");
        deleteTree(fresh);
        deleteTree(old);
        long copied = 0;
        // the old index is read directly (its lock held, so no service writes to it meanwhile), oldest item first
        try (Directory dir = FSDirectory.open(folder); Lock lock = dir.obtainLock(IndexWriter.WRITE_LOCK_NAME);
             DirectoryReader reader = DirectoryReader.open(dir);
             ItemIndex to = new ItemIndex(fresh, new Options(null, options.sources(), options.state(), Options.Check.NONE))) {
            List<long[]> order = new ArrayList<>(reader.numDocs());
            for (LeafReaderContext leaf : reader.leaves()) {
                Bits live = leaf.reader().getLiveDocs();
                NumericDocValues published = leaf.reader().getNumericDocValues(IndexSchema.PUBLISHED);
                for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
                    if (live != null && !live.get(doc)) continue;
                    long when = published != null && published.advanceExact(doc) ? published.longValue() : 0;
                    order.add(new long[] {when, leaf.docBase + doc});
                }
            }
            order.sort(Comparator.<long[]>comparingLong(a -> a[0]).thenComparingLong(a -> a[1]));
            StoredFields stored = reader.storedFields();
            ExecutorService segmenters = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), r -> {
                Thread t = new Thread(r, "rebuild-segment");
                t.setDaemon(true);
                return t;
            });
            try {
                CompletableFuture<List<Incoming>> pending = null;
                for (int first = 0; first < order.size(); first += batchSize) {
                    List<CompletableFuture<Incoming>> batch = new ArrayList<>();
                    for (int i = first; i < Math.min(order.size(), first + batchSize); i++) {
                        Item item = storedItem(stored.document((int) order.get(i)[1])).withCluster(null);
                        batch.add(CompletableFuture.supplyAsync(
                                () -> new Incoming(item, words(item.title()), words(item.text())), segmenters));
                    }
                    CompletableFuture<List<Incoming>> segmented = CompletableFuture
                            .allOf(batch.toArray(CompletableFuture[]::new))
                            .thenApply(done -> batch.stream().map(CompletableFuture::join).toList());
                    if (pending != null) copied = addBatch(to, pending, copied, progress);
                    pending = segmented;
                }
                if (pending != null) copied = addBatch(to, pending, copied, progress);
            } finally {
                segmenters.shutdownNow();
            }
            to.commit();
        }
        Files.move(folder, old, StandardCopyOption.ATOMIC_MOVE);
        Files.move(fresh, folder, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(old);
        // open once more, so the corrections are applied to the clusters as they are now
        try (ItemIndex reopened = new ItemIndex(folder, new Options(null, options.sources(), options.state(), Options.Check.NONE))) {
            reopened.commit();
        }
        return copied;
    }

    private static long addBatch(ItemIndex to, CompletableFuture<List<Incoming>> segmented, long copied,
                                 Consumer<Long> progress) throws IOException {
        List<Incoming> batch;
        try {
            batch = segmented.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IOException("segmenting items for the rebuild failed", e.getCause());
        }
        to.addAll(batch);
        long now = copied + batch.size();
        if (now / 10_000 > copied / 10_000) progress.accept(now / 10_000 * 10_000);
        return now;
    }

    private static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) return;
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    // ---- helpers

    private Item itemOf(Document doc) {
        Item item = storedItem(doc);
        return corrections.verdict(item.id(), item.cluster()).map(item::withClassification).orElse(item);
    }

    /** The stored fields a search hit shows. */
    private static final Set<String> HIT_FIELDS = Set.of(IndexSchema.ITEM, IndexSchema.TEXT);

    /** What a search hit shows of a stored item: its evidence and other details are skipped, not built. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record StoredHit(String id, String url, String source, String title, Instant published, String language,
                     StoredLabel classification, String cluster) {
    }

    /** The model's label of a stored item, as a search hit shows it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record StoredLabel(boolean relevant, Label label, double confidence) {
    }

    private static StoredHit storedHit(Document doc) {
        try {
            return HIT_READER.readValue(doc.get(IndexSchema.ITEM));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("stored item cannot be read", e);
        }
    }

    /** The item as it was added, without staff corrections made since. */
    private static Item storedItem(Document doc) {
        try {
            Item item = JSON.readValue(doc.get(IndexSchema.ITEM), Item.class);
            return new Item(item.id(), item.url(), item.source(), item.title(), doc.get(IndexSchema.TEXT), item.published(),
                    item.author(), item.language(), item.fetched(), item.classification(), item.cluster());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("stored item cannot be read", e);
        }
    }

    private static String value(SortedDocValues values, int doc) throws IOException {
        return values != null && values.advanceExact(doc) ? values.lookupOrd(values.ordValue()).utf8ToString() : null;
    }

    private static String lead(String text) {
        String first = text.lines().findFirst().orElse("");
        return first.length() <= 240 ? first : first.substring(0, 240) + "…";
    }

    /**
     * Where the next page starts: the point in time of the first page, and the sort values of the last hit
     * shown, after a letter that names the order (r: relevance, d: date, q: review queue).
     */
    private record Cursor(long version, FieldDoc after) {
        String encode(char order) {
            StringBuilder raw = new StringBuilder().append(version).append(':').append(order);
            for (Object value : after.fields) raw.append(':').append(value instanceof BytesRef b ? b.utf8ToString() : value);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.toString().getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String cursor, char order, Sort sort) {
            SortField[] fields = sort.getSort();
            try {
                // the last value is an id, which may hold ':'
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":", fields.length + 2);
                if (parts.length == fields.length + 2 && parts[1].equals(String.valueOf(order))) {
                    Object[] values = new Object[fields.length];
                    for (int i = 0; i < fields.length; i++) {
                        String v = parts[i + 2];
                        values[i] = switch (fields[i].getType()) {
                            case SCORE -> Float.parseFloat(v);
                            case LONG -> Long.parseLong(v);
                            case STRING -> new BytesRef(v);
                            default -> throw new IllegalStateException("no cursor for " + fields[i]);
                        };
                    }
                    return new Cursor(Long.parseLong(parts[0]), new FieldDoc(Integer.MAX_VALUE, Float.NaN, values));
                }
            } catch (RuntimeException e) {
                // falls through to the error below
            }
            throw new InvalidQueryException("cursor is not one this service gave out for this sort order");
        }
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
    public void close() throws IOException {
        if (committer != null) {
            committer.shutdown();
            try {
                committer.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try (directory; writer; searchers; pointsInTime; savedQueries) {
            writer.commit();
        }
    }
}
