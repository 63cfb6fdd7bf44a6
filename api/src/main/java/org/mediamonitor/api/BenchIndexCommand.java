package org.mediamonitor.api;

import com.ibm.icu.text.Transliterator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.mediamonitor.classifier.ChineseSegmenter;
import org.mediamonitor.index.ItemIndex;
import org.mediamonitor.model.Classification;
import org.mediamonitor.model.CountInterval;
import org.mediamonitor.model.Item;
import org.mediamonitor.model.Label;
import org.mediamonitor.model.SearchRequest;
import org.mediamonitor.model.Source;
import org.mediamonitor.model.SourceKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code monitor bench index}: indexes generated items (English, Traditional and Simplified Chinese,
 * one in twenty a copy of an earlier story at another outlet or in the other script), with labels given
 * at random instead of the classifier's, and then times the typical staff query: a page of hits
 * with facets, the counts over a year by month, and the year's KPI.
 */
@Command(name = "index", mixinStandardHelpOptions = true,
        description = "Index generated items without the classifier, then time typical queries with facets and counts over a year.")
final class BenchIndexCommand implements Callable<Integer> {
    @Option(names = "--items", paramLabel = "N", description = "Items to generate and index (default: ${DEFAULT-VALUE}).", defaultValue = "100000")
    int items;

    @Option(names = "--queries", paramLabel = "N", description = "Queries to time after a warm-up (default: ${DEFAULT-VALUE}).", defaultValue = "300")
    int queries;

    @Option(names = "--threads", paramLabel = "N", description = "Threads that add items (default: ${DEFAULT-VALUE}).", defaultValue = "2")
    int threads;

    @Option(names = "--batch", paramLabel = "N", description = "Items added at once by each thread (default: ${DEFAULT-VALUE}).", defaultValue = "64")
    int batch;

    @Option(names = "--data", paramLabel = "DIR", description = "Folder for the index (default: a new temporary folder, deleted afterwards).")
    Path data;

    @Option(names = "--keep", description = "Keep the temporary folder.")
    boolean keep;

    @Option(names = "--seed", description = "Seed of the generator (default: ${DEFAULT-VALUE}).", defaultValue = "42")
    long seed;

    private static final int FIRST_YEAR = 2016, YEARS = 5;

    @Override
    public Integer call() throws Exception {
        if (items < 1 || queries < 1 || threads < 1 || batch < 1) {
            throw new IllegalArgumentException("--items, --queries, --threads and --batch must be positive");
        }
        Path folder = data != null ? data : Files.createTempDirectory("media-monitor-bench-");
        Path indexFolder = folder.resolve("index");
        if (Files.exists(indexFolder)) throw new IllegalArgumentException(indexFolder + " exists: give an empty --data folder");
        Generator generator = new Generator(seed);
        ItemIndex.Options options = new ItemIndex.Options(Duration.ofSeconds(30), generator::source, folder.resolve("state"),
                ItemIndex.Options.Check.NONE);
        try {
            long chars;
            try (ItemIndex index = new ItemIndex(indexFolder, options)) {
                System.out.printf(Locale.ROOT, "indexing %,d generated items with %d threads, %d at a time, into %s%n", items, threads, batch, indexFolder);
                chars = index(index, generator);
                time(index, generator);
            }
            // measured once closed: merges still running after the commit hold old and new segments at once
            long size = size(indexFolder);
            System.out.printf(Locale.ROOT, "index size: %,.1f MB (%,.0f MB per million items), %,d chars of text an item on average%n",
                    size / 1e6, size / 1e6 / items * 1_000_000, chars / items);
        } finally {
            if (data == null && !keep) delete(folder);
        }
        return 0;
    }

    private long index(ItemIndex index, Generator generator) throws Exception {
        AtomicInteger next = new AtomicInteger();
        long started = System.nanoTime();
        long cpuStarted = cpuNanos();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Long>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                long chars = 0;
                // items go in batches, the way the pipeline hands them over, so the saved queries match a batch at a time
                for (int first; (first = next.getAndAdd(batch)) < items; ) {
                    int last = Math.min(items, first + batch);
                    List<ItemIndex.Incoming> incoming = new ArrayList<>(last - first);
                    for (int i = first; i < last; i++) {
                        Generated g = generator.item(i);
                        incoming.add(new ItemIndex.Incoming(g.item(), g.titleWords(), g.textWords()));
                        chars += g.item().text().length();
                    }
                    index.addAll(incoming);
                    if (last / 50_000 > first / 50_000) {
                        double seconds = (System.nanoTime() - started) / 1e9;
                        System.out.printf(Locale.ROOT, "  %,d items, %,.0f items/s%n", last, last / seconds);
                    }
                }
                return chars;
            }));
        }
        long chars = 0;
        for (Future<Long> w : workers) chars += w.get();
        pool.shutdown();
        index.commit();
        double seconds = (System.nanoTime() - started) / 1e9;
        double cpuSeconds = (cpuNanos() - cpuStarted) / 1e9;
        System.out.printf(Locale.ROOT, "indexed %,d items in %.1f s: %,.0f items/s (commit included); %,d stored%n",
                items, seconds, items / seconds, index.size());
        // the machine may be shared: the CPU time says what the indexing itself cost
        System.out.printf(Locale.ROOT, "process CPU time %.1f s: %,.0f items per CPU-second, %,.0f items/s on %d idle cores%n",
                cpuSeconds, items / cpuSeconds, items / cpuSeconds * Math.min(threads, Runtime.getRuntime().availableProcessors()),
                Math.min(threads, Runtime.getRuntime().availableProcessors()));
        return chars;
    }

    private void time(ItemIndex index, Generator generator) throws IOException {
        SplittableRandom random = new SplittableRandom(seed + 1);
        int warmUp = Math.min(50, queries);
        long[] nanos = new long[queries], cpuNanos = new long[queries];
        long matched = 0;
        var threadTimes = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int q = -warmUp; q < queries; q++) {
            int year = FIRST_YEAR + random.nextInt(YEARS);
            Instant from = Instant.parse(year - 1 + "-12-31T16:00:00Z"), to = Instant.parse(year + "-12-31T16:00:00Z");
            String query = generator.query(random);
            long start = System.nanoTime(), cpuStart = threadTimes.getCurrentThreadCpuTime();
            var page = index.search(new SearchRequest(query, from, to, null, null, null, 20, null));
            index.countsOverTime(query, from, to, CountInterval.MONTH);
            index.countByLabel(from, to);
            long took = System.nanoTime() - start, cpuTook = threadTimes.getCurrentThreadCpuTime() - cpuStart;
            if (q >= 0) {
                nanos[q] = took;
                cpuNanos[q] = cpuTook;
                matched += page.total();
            }
        }
        Arrays.sort(nanos);
        Arrays.sort(cpuNanos);
        int p99 = Math.min(queries - 1, (int) Math.ceil(queries * 0.99) - 1);
        System.out.printf(Locale.ROOT, "typical query (a page of 20 with facets + counts by month over a year + the year's KPI), %d queries: "
                        + "median %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms; %,d matching items a query on average%n",
                queries, nanos[queries / 2] / 1e6, nanos[(int) (queries * 0.9)] / 1e6, nanos[p99] / 1e6, nanos[queries - 1] / 1e6, matched / queries);
        // on a shared machine the wall time waits for other processes: the thread's CPU time is what a query costs
        System.out.printf(Locale.ROOT, "  the same queries in CPU time of the querying thread: median %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                cpuNanos[queries / 2] / 1e6, cpuNanos[(int) (queries * 0.9)] / 1e6, cpuNanos[p99] / 1e6, cpuNanos[queries - 1] / 1e6);
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long size(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void delete(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    /** A generated item, with the words of its Chinese title and text as a segmenter would give them. */
    record Generated(Item item, List<ChineseSegmenter.Word> titleWords, List<ChineseSegmenter.Word> textWords) {
    }

    /** Makes the same items for the same seed: news-like sentences from a small vocabulary in each language. */
    static final class Generator {
        private static final String[] ENGLISH = ("Taiwan Taipei Beijing Washington Tokyo president government minister "
                + "council parliament election democracy economy trade export chip semiconductor factory investment "
                + "defence military drill navy aircraft strait island coast security alliance talks visit delegation "
                + "statement policy reform budget tax energy power grid water typhoon earthquake tourism culture "
                + "film music school university student health hospital vaccine virus market stock bank currency "
                + "growth inflation price wage worker union protest court law judge vote campaign party leader "
                + "opposition critic support praise warn threat pressure sanction diplomacy ally partner summit "
                + "agreement deal record rise fall surge drop plan project report survey poll analyst expert "
                + "official spokesman agency ministry office cabinet premier mayor city county village farmer "
                + "fishing rice tea fruit festival temple history museum science research technology internet "
                + "phone software data privacy cyber attack hacker network satellite space rocket launch ship port "
                + "shipping container airline flight airport rail train road bridge housing rent land climate carbon")
                .split(" ");
        private static final String[] FUNCTION = "the of and to in on for with at by from as said will has new after over".split(" ");
        private static final String[] CHINESE = ("臺灣 台北 北京 華盛頓 東京 總統 政府 部長 委員會 立法院 選舉 民主 經濟 貿易 出口 晶片 "
                + "半導體 工廠 投資 國防 軍事 演習 海軍 軍機 海峽 島嶼 安全 同盟 會談 訪問 代表團 聲明 政策 改革 預算 稅收 "
                + "能源 電力 颱風 地震 觀光 文化 電影 音樂 學校 大學 學生 健康 醫院 疫苗 病毒 市場 股市 銀行 貨幣 成長 通膨 "
                + "價格 工資 勞工 抗議 法院 法律 投票 政黨 領袖 在野黨 批評 支持 讚揚 警告 威脅 壓力 制裁 外交 盟友 夥伴 峰會 "
                + "協議 紀錄 上升 下降 計畫 報告 調查 民調 分析 專家 官員 發言人 機構 行政院 陸委會 兩岸 關係 交流 對話 和平 "
                + "穩定 發展 合作 科技 網路 資料 隱私 衛星 火箭 航運 港口 機場 鐵路 住房 土地 氣候 碳排 表示 指出 認為 今天 昨天")
                .split(" ");
        private static final Transliterator TO_SIMPLIFIED = Transliterator.getInstance("Traditional-Simplified");
        private static final String[] CHINESE_SIMPLIFIED = Arrays.stream(CHINESE).map(TO_SIMPLIFIED::transliterate).toArray(String[]::new);
        private static final String[] LANGUAGES = {"en", "zh-Hant", "zh-Hans"};
        private static final String[] COUNTRIES = {"US", "GB", "JP", "TW", "HK", "SG", "DE", "FR", "AU", "CN"};

        private final long seed;
        private final List<Source> sources = new ArrayList<>();

        Generator(long seed) {
            this.seed = seed;
            SourceKind[] kinds = SourceKind.values();
            for (int s = 0; s < 40; s++) {
                sources.add(new Source("outlet" + s, "Outlet " + s, "https://outlet" + s + ".example/feed", LANGUAGES[s % 3],
                        COUNTRIES[s % COUNTRIES.length], kinds[s % kinds.length], false, true));
            }
        }

        Source source(String id) {
            return id.startsWith("outlet") ? sources.get(Integer.parseInt(id.substring(6)) % sources.size()) : null;
        }

        Generated item(int i) {
            SplittableRandom r = new SplittableRandom(seed * 1_000_003L + i);
            if (i >= 100 && i % 20 == 7) return copy(i, i - 1 - r.nextInt(90), r);
            int source = r.nextInt(sources.size());
            String language = sources.get(source).language();
            Instant published = Instant.parse(FIRST_YEAR + "-01-01T00:00:00Z").plusSeconds(r.nextLong(YEARS * 365L * 86_400L));
            Label label = Label.values()[r.nextInt(3)];
            Classification verdict = r.nextInt(10) < 7
                    ? new Classification(true, label, 0.5 + r.nextDouble() / 2, List.of(), "model:bench-1", published)
                    : new Classification(false, null, 0.9, List.of(), "model:bench-1", published);
            List<ChineseSegmenter.Word> titleWords = new ArrayList<>(), textWords = new ArrayList<>();
            boolean chinese = !language.equals("en");
            boolean simplified = language.equals("zh-Hans");
            String title = chinese ? chinese(r, 1, titleWords, simplified) : english(r, 1);
            StringBuilder text = new StringBuilder();
            int paragraphs = 2 + r.nextInt(4);
            for (int p = 0; p < paragraphs; p++) {
                if (p > 0) text.append('\n');
                if (chinese) {
                    int offset = text.length();
                    List<ChineseSegmenter.Word> words = new ArrayList<>();
                    text.append(chinese(r, 2 + r.nextInt(3), words, simplified));
                    for (ChineseSegmenter.Word w : words) textWords.add(new ChineseSegmenter.Word(w.text(), w.simplified(), w.start() + offset, w.end() + offset));
                } else {
                    text.append(english(r, 2 + r.nextInt(3)));
                }
            }
            String id = "bench" + i;
            Item item = new Item(id, "https://" + sources.get(source).id() + ".example/" + id, sources.get(source).id(), title,
                    text.toString(), published, null, language, published, verdict, null);
            return new Generated(item, chinese ? titleWords : List.of(), chinese ? textWords : List.of());
        }

        /** Item {@code i} as a copy of item {@code of}: another outlet, a day later, in the other script when Chinese. */
        private Generated copy(int i, int of, SplittableRandom r) {
            Generated original = item(of);
            Item o = original.item();
            String language = o.language().equals("zh-Hant") && r.nextBoolean() ? "zh-Hans" : o.language();
            String title = language.equals(o.language()) ? o.title() : TO_SIMPLIFIED.transliterate(o.title());
            String text = language.equals(o.language()) ? o.text() : TO_SIMPLIFIED.transliterate(o.text());
            List<ChineseSegmenter.Word> titleWords = rewrite(original.titleWords(), title), textWords = rewrite(original.textWords(), text);
            String source = "outlet" + r.nextInt(sources.size());
            String id = "bench" + i;
            Item item = new Item(id, "https://" + source + ".example/" + id, source, title, text,
                    o.published() == null ? null : o.published().plusSeconds(86_400), null, language, o.fetched(),
                    o.classification(), null);
            return new Generated(item, titleWords, textWords);
        }

        private static List<ChineseSegmenter.Word> rewrite(List<ChineseSegmenter.Word> words, String text) {
            List<ChineseSegmenter.Word> out = new ArrayList<>(words.size());
            for (ChineseSegmenter.Word w : words) out.add(new ChineseSegmenter.Word(text.substring(w.start(), w.end()), w.simplified(), w.start(), w.end()));
            return out;
        }

        private static String english(SplittableRandom r, int sentences) {
            StringBuilder out = new StringBuilder();
            for (int s = 0; s < sentences; s++) {
                int words = 8 + r.nextInt(10);
                for (int w = 0; w < words; w++) {
                    String word = r.nextInt(3) == 0 ? FUNCTION[r.nextInt(FUNCTION.length)] : ENGLISH[r.nextInt(ENGLISH.length)];
                    if (w == 0) word = Character.toUpperCase(word.charAt(0)) + word.substring(1);
                    out.append(word).append(w == words - 1 ? ". " : " ");
                }
            }
            return out.toString().strip();
        }

        private static String chinese(SplittableRandom r, int sentences, List<ChineseSegmenter.Word> words, boolean simplified) {
            StringBuilder out = new StringBuilder();
            for (int s = 0; s < sentences; s++) {
                int n = 6 + r.nextInt(8);
                for (int w = 0; w < n; w++) {
                    int k = r.nextInt(CHINESE.length);
                    String word = simplified ? CHINESE_SIMPLIFIED[k] : CHINESE[k];
                    words.add(new ChineseSegmenter.Word(word, CHINESE_SIMPLIFIED[k], out.length(), out.length() + word.length()));
                    out.append(word);
                    if (w == n / 2) out.append('，');
                }
                out.append('。');
            }
            return out.toString();
        }

        /** One or two words, in English or Chinese (either script), as staff type them. */
        String query(SplittableRandom r) {
            return switch (r.nextInt(4)) {
                case 0 -> ENGLISH[r.nextInt(ENGLISH.length)];
                case 1 -> ENGLISH[r.nextInt(ENGLISH.length)] + " " + ENGLISH[r.nextInt(ENGLISH.length)];
                case 2 -> CHINESE[r.nextInt(CHINESE.length)];
                default -> CHINESE_SIMPLIFIED[r.nextInt(CHINESE.length)] + " OR " + ENGLISH[r.nextInt(ENGLISH.length)];
            };
        }
    }
}
