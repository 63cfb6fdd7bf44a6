package org.mediamonitor.classifier;

import com.ibm.icu.text.Transliterator;
import edu.stanford.nlp.ie.crf.CRFClassifier;
import edu.stanford.nlp.ling.CoreLabel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splits Chinese text into words with CoreNLP's CRF segmenter, for Traditional and Simplified text
 * alike. The segmenter is trained on Simplified text, so Traditional text is first converted
 * character by character (ICU {@code Traditional-Simplified}); each {@link Word} keeps its offsets in
 * the original text and carries its Simplified form for lexicon look-ups and indexing. A pass after the
 * model ({@link WordRepair}) joins numbers, dates and names that the model splits.
 *
 * <p>The configuration was chosen by measurement on the shared halves of SIGHAN 2005
 * ({@code monitor eval segmentation}; docs/SEGMENTATION.md has the figures): ctb.small after the
 * conversion scores F 0.918 / 0.900 / 0.847 / 0.904 on AS / CityU / MSR / PKU, pku 0.855 / 0.848 /
 * 0.861 / 0.948, and ctb no better than ctb.small on CityU (0.901) at four times the memory.
 *
 * <p>The model takes seconds and hundreds of megabytes to load: use {@link #shared()}, which loads it
 * once per process. One instance may be used by any number of threads without a lock: CoreNLP runs one
 * {@code CRFClassifier} in simultaneous threads in its own tests, Chinese segmentation included, and
 * ChineseSegmenterTest checks that concurrent callers get what one caller gets.
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
     * How to segment: which CoreNLP model ({@code ctb}, {@code ctb.small} or {@code pku}), whether
     * Traditional text is converted to Simplified before the model sees it, and whether the pass that
     * joins numbers, dates and names runs after the model.
     */
    public record Configuration(String model, boolean convertTraditional, boolean repairWords) {
        /** What {@link #shared()} uses. */
        public static final Configuration DEFAULT = new Configuration("ctb.small", true, true);

        public Configuration {
            if (!List.of("ctb", "ctb.small", "pku").contains(model)) {
                throw new IllegalArgumentException("unknown segmenter model " + model + "; use ctb, ctb.small or pku");
            }
        }
    }

    private static volatile ChineseSegmenter shared;

    private final Configuration configuration;
    private final CRFClassifier<CoreLabel> crf;
    private final WordRepair repair = new WordRepair();
    private final Map<Integer, String> simplifiedChars = new ConcurrentHashMap<>();
    private final Map<Integer, String> traditionalChars = new ConcurrentHashMap<>();
    private final ThreadLocal<Transliterator> toSimplified =
            ThreadLocal.withInitial(() -> Transliterator.getInstance("Traditional-Simplified"));
    private final ThreadLocal<Transliterator> toTraditional =
            ThreadLocal.withInitial(() -> Transliterator.getInstance("Simplified-Traditional"));

    private ChineseSegmenter(Configuration configuration) {
        long started = System.nanoTime();
        this.configuration = configuration;
        Properties props = new Properties();
        props.setProperty("sighanCorporaDict", MODELS);
        props.setProperty("serDictionary", MODELS + "dict-chris6.ser.gz");
        props.setProperty("inputEncoding", "UTF-8");
        props.setProperty("sighanPostProcessing", "true");
        this.crf = new CRFClassifier<>(props);
        crf.loadClassifierNoExceptions(MODELS + configuration.model() + ".gz", props);
        log.info("Chinese segmenter {} loaded in {} ms", configuration, (System.nanoTime() - started) / 1_000_000);
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
     * A segmenter in another configuration, loaded now, for comparing configurations. Everything else
     * uses {@link #shared()}.
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
        String simplified = configuration.convertTraditional() && isTraditional(text) ? toSimplifiedByChar(text) : text;
        int lineStart = 0;
        while (lineStart < text.length()) {
            int lineEnd = text.indexOf('\n', lineStart);
            if (lineEnd < 0) lineEnd = text.length();
            if (lineEnd > lineStart) segmentLine(text, simplified, lineStart, lineEnd, words);
            lineStart = lineEnd + 1;
        }
        return words;
    }

    private void segmentLine(String original, String simplified, int from, int to, List<Word> out) {
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
        return isTraditional(text) ? toSimplifiedByChar(text) : text;
    }

    private String toSimplifiedByChar(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            int n = Character.charCount(c);
            String converted = Character.UnicodeScript.of(c) != Character.UnicodeScript.HAN
                    ? text.substring(i, i + n)
                    : simplifiedChars.computeIfAbsent(c, k -> toSimplified.get().transliterate(Character.toString(k)));
            // keep the length: a conversion that changes it would shift every offset after it
            out.append(converted.length() == n ? converted : text.substring(i, i + n));
            i += n;
        }
        return out.toString();
    }

    /**
     * True when the text has more Traditional-only characters (which the conversion to Simplified
     * changes) than Simplified-only ones (which the conversion to Traditional changes). A few
     * characters, such as 著, are changed by both, so a mere count of the first kind misleads.
     */
    public boolean isTraditional(String text) {
        int traditionalOnly = 0, simplifiedOnly = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (Character.UnicodeScript.of(c) != Character.UnicodeScript.HAN) continue;
            String self = Character.toString(c);
            if (!simplifiedChars.computeIfAbsent(c, k -> toSimplified.get().transliterate(self)).equals(self)) traditionalOnly++;
            if (!traditionalChars.computeIfAbsent(c, k -> toTraditional.get().transliterate(self)).equals(self)) simplifiedOnly++;
        }
        return traditionalOnly > simplifiedOnly;
    }

    @Override
    public String toString() {
        return "ChineseSegmenter" + configuration.toString().toLowerCase(Locale.ROOT).replace("configuration", "");
    }
}
