package org.mediamonitor.classifier;

import com.ibm.icu.text.Transliterator;
import edu.stanford.nlp.ie.crf.CRFClassifier;
import edu.stanford.nlp.ling.CoreLabel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splits Chinese text into words with CoreNLP's CRF segmenter, for Traditional and Simplified text
 * alike. The models are trained on Simplified text, so Traditional text is first converted, a run of
 * Han characters at a time and keeping its length (ICU {@code Traditional-Simplified}); each
 * {@link Word} keeps its offsets in the original text and carries its Simplified form for lexicon
 * look-ups and indexing. A {@link Configuration} may name one model for Traditional text and another
 * for Simplified text; a text goes to one of them by its script ({@link #isTraditional}), and text that
 * reads the same in both scripts goes to the model for Traditional text. A pass after the model ({@link WordRepair}) joins numbers, dates and names that
 * the model splits.
 *
 * <p>The configuration was chosen by measurement on the shared halves of SIGHAN 2005
 * ({@code monitor eval segmentation}; docs/SEGMENTATION.md has the figures). The shipped one,
 * ctb.small for all text, scores F 0.920 / 0.900 / 0.847 / 0.907 on AS / CityU / MSR / PKU; pku alone
 * 0.855 / 0.848 / 0.861 / 0.948 before the repair; {@link Configuration#BY_SCRIPT} (ctb.small for
 * Traditional, pku for Simplified) 0.920 / 0.900 / 0.862 / 0.951, at the cost of splitting the two
 * scripts of one sentence differently where the models disagree. ctb is no better than ctb.small on
 * CityU (0.901) at four times the memory.
 *
 * <p>A model takes seconds and about 500 MB of heap to load: use {@link #shared()}, which loads it
 * once per process (configurations that name the same model share it). One instance may be used by
 * any number of threads without a lock: CoreNLP runs one {@code CRFClassifier} in simultaneous threads
 * in its own tests, Chinese segmentation included, and ChineseSegmenterTest checks that concurrent
 * callers get what one caller gets.
 */
public final class ChineseSegmenter {
    private static final Logger log = LoggerFactory.getLogger(ChineseSegmenter.class);
    private static final String MODELS = "edu/stanford/nlp/models/segmenter/chinese/";

    /**
     * One word.
     *
     * @param text       the word as written in the original text
     * @param simplified the word in Simplified characters (the same as {@code text} for Simplified input)
     * @param start      offset of the first char in the original text
     * @param end        offset after the last char
     */
    public record Word(String text, String simplified, int start, int end) {
    }

    /**
     * How to segment: which CoreNLP model ({@code ctb}, {@code ctb.small} or {@code pku}) reads
     * Traditional text and which reads Simplified text, whether Traditional text is converted to
     * Simplified before the model sees it, and whether the pass that joins numbers, dates and names
     * runs after the model. A text is Traditional or Simplified as {@link #isTraditional} decides.
     *
     * @param model            the model for Traditional text (and for all text when the next is the same)
     * @param simplifiedModel  the model for Simplified text
     */
    public record Configuration(String model, boolean convertTraditional, boolean repairWords, String simplifiedModel) {
        private static final List<String> MODEL_NAMES = List.of("ctb", "ctb.small", "pku");

        /**
         * What {@link #shared()} uses: ctb.small for all text, so that the two scripts of one sentence
         * give the same words.
         */
        public static final Configuration DEFAULT = new Configuration("ctb.small", true, true, "ctb.small");

        /**
         * ctb.small for Traditional text and pku for Simplified text: better on mainland text (SIGHAN
         * 2005 MSR 0.862 and PKU 0.951 against 0.847 and 0.907) and as good on Traditional text, but
         * the two scripts of one sentence are split differently wherever the two models disagree.
         */
        public static final Configuration BY_SCRIPT = new Configuration("ctb.small", true, true, "pku");

        public Configuration {
            for (String m : List.of(model, simplifiedModel)) {
                if (!MODEL_NAMES.contains(m)) {
                    throw new IllegalArgumentException("unknown segmenter model " + m + "; use ctb, ctb.small or pku");
                }
            }
        }

        /** One model for all text. */
        public Configuration(String model, boolean convertTraditional, boolean repairWords) {
            this(model, convertTraditional, repairWords, model);
        }
    }

    private static volatile ChineseSegmenter shared;
    /** Models loaded so far, by name, kept for the life of the process: configurations share them. */
    private static final Map<String, CRFClassifier<CoreLabel>> MODELS_LOADED = new HashMap<>();

    private final Configuration configuration;
    private final CRFClassifier<CoreLabel> traditionalCrf;
    private final CRFClassifier<CoreLabel> simplifiedCrf;
    private final WordRepair repair = new WordRepair();
    private final Map<Integer, String> simplifiedChars = new ConcurrentHashMap<>();
    private final Map<Integer, String> traditionalChars = new ConcurrentHashMap<>();
    private final ThreadLocal<Transliterator> toSimplified =
            ThreadLocal.withInitial(() -> Transliterator.getInstance("Traditional-Simplified"));
    private final ThreadLocal<Transliterator> toTraditional =
            ThreadLocal.withInitial(() -> Transliterator.getInstance("Simplified-Traditional"));

    private ChineseSegmenter(Configuration configuration) {
        this.configuration = configuration;
        this.traditionalCrf = model(configuration.model());
        this.simplifiedCrf = model(configuration.simplifiedModel());
    }

    private static CRFClassifier<CoreLabel> model(String name) {
        synchronized (MODELS_LOADED) {
            CRFClassifier<CoreLabel> crf = MODELS_LOADED.get(name);
            if (crf == null) {
                long started = System.nanoTime();
                Path names = namesDictionary();
                try {
                    Properties props = new Properties();
                    props.setProperty("sighanCorporaDict", MODELS);
                    // the model's dictionary features read CoreNLP's dictionary and Media Monitor's names,
                    // so that the model itself knows them (台南市 民政局, not 台南 市民 政局)
                    props.setProperty("serDictionary", MODELS + "dict-chris6.ser.gz" + (names == null ? "" : "," + names));
                    props.setProperty("inputEncoding", "UTF-8");
                    props.setProperty("sighanPostProcessing", "true");
                    crf = new CRFClassifier<>(props);
                    crf.loadClassifierNoExceptions(MODELS + name + ".gz", props);
                    // the reader that computes the features, and reads the dictionaries, is made on first use: now
                    crf.defaultReaderAndWriter();
                } finally {
                    if (names != null) deleteQuietly(names);
                }
                MODELS_LOADED.put(name, crf);
                log.info("Chinese segmenter model {} loaded in {} ms", name, (System.nanoTime() - started) / 1_000_000);
            }
            return crf;
        }
    }

    /**
     * A file of the names in {@code names-zh.txt} in Simplified characters, as the model reads them, for
     * CoreNLP's dictionary (which reads files only); the caller deletes it once the model has read it.
     * Null when the temporary folder cannot be written: the model then reads its own dictionary alone,
     * and the pass after it still joins the names.
     */
    private static Path namesDictionary() {
        Transliterator simplified = Transliterator.getInstance("Traditional-Simplified");
        Set<String> names = new LinkedHashSet<>();
        for (String name : WordRepair.names()) {
            names.add(name);
            names.add(simplified.transliterate(name));
        }
        try {
            Path file = Files.createTempFile("media-monitor-names", ".txt");
            Files.write(file, names, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            log.warn("Chinese segmenter: cannot write its name list to the temporary folder ({}); the model reads "
                    + "its own dictionary alone", e.toString());
            return null;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("cannot delete {}: {}", file, e.toString());
        }
    }

    /** The process-wide segmenter in the {@link Configuration#DEFAULT} configuration, loaded on first use. */
    public static ChineseSegmenter shared() {
        ChineseSegmenter s = shared;
        if (s == null) {
            synchronized (ChineseSegmenter.class) {
                s = shared;
                if (s == null) shared = s = new ChineseSegmenter(Configuration.DEFAULT);
            }
        }
        return s;
    }

    /**
     * A segmenter in another configuration, its models loaded now (or taken from another configuration
     * that loaded them), for comparing configurations. Everything else uses {@link #shared()}.
     */
    public static ChineseSegmenter load(Configuration configuration) {
        return configuration.equals(Configuration.DEFAULT) ? shared() : new ChineseSegmenter(configuration);
    }

    /** How this segmenter works. */
    public Configuration configuration() {
        return configuration;
    }

    /** The words of {@code text}, in order, with offsets into {@code text}; white space is dropped. */
    public List<Word> segment(String text) {
        List<Word> words = new ArrayList<>();
        if (text == null || text.isEmpty()) return words;
        int script = scriptEvidence(text);
        boolean traditional = script > 0;
        // text that reads the same in both scripts goes to the model for Traditional text (with
        // ctb.small and pku, the better of the two across the four corpora)
        CRFClassifier<CoreLabel> crf = script < 0 ? simplifiedCrf : traditionalCrf;
        String simplified = configuration.convertTraditional() && traditional ? toSimplifiedKeepingLength(text) : text;
        int lineStart = 0;
        while (lineStart < text.length()) {
            int lineEnd = text.indexOf('\n', lineStart);
            if (lineEnd < 0) lineEnd = text.length();
            if (lineEnd > lineStart) segmentLine(crf, text, simplified, lineStart, lineEnd, words);
            lineStart = lineEnd + 1;
        }
        return words;
    }

    private void segmentLine(CRFClassifier<CoreLabel> crf, String original, String simplified, int from, int to, List<Word> out) {
        String line = simplified.substring(from, to);
        if (line.isBlank()) return;
        List<String> pieces = crf.segmentString(line);
        List<int[]> spans = new ArrayList<>(pieces.size());
        int pos = 0;
        for (String piece : pieces) {
            while (pos < line.length() && Character.isWhitespace(line.charAt(pos))) pos++;
            if (pos >= line.length()) break;
            int length = line.startsWith(piece, pos) ? piece.length() : Math.min(piece.length(), line.length() - pos);
            spans.add(new int[] {pos, pos + length});
            pos += length;
        }
        if (configuration.repairWords()) spans = repair.repair(line, spans);
        for (int[] span : spans) {
            int start = from + span[0], end = from + span[1];
            out.add(new Word(original.substring(start, end), simplified.substring(start, end), start, end));
        }
    }

    /** Simplified form of {@code text} with the same length, so offsets stay valid. */
    public String toSimplified(String text) {
        return isTraditional(text) ? toSimplifiedKeepingLength(text) : text;
    }

    /**
     * Converts each run of Han characters as a whole, so that ICU's rules for words apply (計畫 → 计划,
     * 沈重 → 沉重, where the characters alone would give 计画 and 沈重); a run whose conversion changes
     * its length is converted character by character instead, so that offsets stay valid.
     */
    private String toSimplifiedKeepingLength(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            int c = text.codePointAt(i);
            if (!isHan(c)) {
                out.appendCodePoint(c);
                i += Character.charCount(c);
                continue;
            }
            int end = i;
            while (end < text.length() && isHan(text.codePointAt(end))) end += Character.charCount(text.codePointAt(end));
            String run = text.substring(i, end);
            String converted = end - i > 1 ? toSimplified.get().transliterate(run) : null;
            if (converted != null && converted.length() == run.length()) {
                out.append(converted);
            } else {
                for (int j = 0; j < run.length(); ) {
                    int k = run.codePointAt(j);
                    int n = Character.charCount(k);
                    String one = simplifiedChars.computeIfAbsent(k, x -> toSimplified.get().transliterate(Character.toString(x)));
                    out.append(one.length() == n ? one : run.substring(j, j + n));
                    j += n;
                }
            }
            i = end;
        }
        return out.toString();
    }

    private static boolean isHan(int c) {
        return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
    }

    /**
     * True when the text has more Traditional-only characters (which the conversion to Simplified
     * changes) than Simplified-only ones (which the conversion to Traditional changes). A few
     * characters, such as 著, are changed by both, so a mere count of the first kind misleads.
     */
    public boolean isTraditional(String text) {
        return scriptEvidence(text) > 0;
    }

    /**
     * Traditional-only characters minus Simplified-only ones: above zero the text is Traditional,
     * below zero Simplified, and at zero it reads the same in both scripts.
     */
    private int scriptEvidence(String text) {
        int evidence = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (c < 0x2E80 || Character.UnicodeScript.of(c) != Character.UnicodeScript.HAN) continue;
            String self = Character.toString(c);
            if (!simplifiedChars.computeIfAbsent(c, k -> toSimplified.get().transliterate(self)).equals(self)) evidence++;
            if (!traditionalChars.computeIfAbsent(c, k -> toTraditional.get().transliterate(self)).equals(self)) evidence--;
        }
        return evidence;
    }

    @Override
    public String toString() {
        return "ChineseSegmenter" + configuration.toString().toLowerCase(Locale.ROOT).replace("configuration", "");
    }
}
