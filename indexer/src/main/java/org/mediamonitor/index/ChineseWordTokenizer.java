package org.mediamonitor.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionLengthAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;
import org.mediamonitor.classifier.ChineseScript;
import org.mediamonitor.classifier.ChineseSegmenter;
import org.mediamonitor.classifier.CrossStraitTerms;

/**
 * Splits news text into tokens for the index: Chinese into the {@link ChineseSegmenter}'s words,
 * folded to one script ({@link ChineseScript}), other text into runs of letters and digits.
 *
 * <p>Chinese is indexed as a token graph with one position per character: the character pairs of each
 * stretch of Chinese text (as {@code CJKBigramFilter} would make them), and each word that is not
 * itself a pair stacked over the positions it covers, and, where a {@link CrossStraitTerms} term stands,
 * its group's token ({@value #SYNONYM_PREFIX} and the canonical term) over the same span. A query in
 * words becomes, through Lucene's graph-aware query builder, "this word, or all of its pairs, or its
 * cross-strait counterpart": text whose segmentation differs still matches through the pairs, and
 * text segmented alike ranks higher. docs/SEGMENTATION.md gives the measurement behind this.
 *
 * <p>The segmenter runs only when the text holds Chinese, and not at all when the words are given
 * ({@link #setWords}), which is how items segmented once on the way in are indexed.
 */
public final class ChineseWordTokenizer extends Tokenizer {
    /** Starts the token that stands for a group of cross-strait terms. */
    public static final String SYNONYM_PREFIX = "≡";
    /** Token type of Chinese words and character pairs. */
    public static final String CHINESE = "<CHINESE>";
    /** Token type of the cross-strait group tokens. */
    public static final String SYNONYM = "<SYNONYM>";
    /** Token type of runs of letters and digits. */
    public static final String ALPHANUMERIC = "<ALPHANUM>";

    private record Token(String term, int start, int end, int position, int length, String type) {
    }

    private final Supplier<ChineseSegmenter> segmenter;
    private final boolean pairs;
    private final CharTermAttribute termAttribute = addAttribute(CharTermAttribute.class);
    private final OffsetAttribute offsetAttribute = addAttribute(OffsetAttribute.class);
    private final PositionIncrementAttribute incrementAttribute = addAttribute(PositionIncrementAttribute.class);
    private final PositionLengthAttribute lengthAttribute = addAttribute(PositionLengthAttribute.class);
    private final TypeAttribute typeAttribute = addAttribute(TypeAttribute.class);
    private List<ChineseSegmenter.Word> givenWords;
    private List<Token> tokens = List.of();
    private int next, lastPosition, finalOffset;

    /**
     * @param segmenter where to get the segmenter, asked only for text that holds Chinese
     * @param pairs     whether to index character pairs besides the words
     */
    public ChineseWordTokenizer(Supplier<ChineseSegmenter> segmenter, boolean pairs) {
        this.segmenter = segmenter;
        this.pairs = pairs;
    }

    /**
     * The words of the next text this tokenizer reads, as the segmenter gave them for that text; used
     * once, then cleared. Words that do not match the text are ignored and the text is segmented anew.
     */
    public void setWords(List<ChineseSegmenter.Word> words) {
        this.givenWords = words;
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        StringBuilder read = new StringBuilder();
        char[] buffer = new char[8192];
        for (int n; (n = input.read(buffer)) > 0; ) read.append(buffer, 0, n);
        String text = read.toString();
        finalOffset = correctOffset(text.length());
        List<ChineseSegmenter.Word> words = givenWords != null && matches(givenWords, text) ? givenWords : null;
        givenWords = null;
        if (words == null) words = hasHan(text) ? segmenter.get().segment(text) : List.of();
        tokens = tokenize(text, words);
        next = 0;
        lastPosition = -1;
    }

    @Override
    public boolean incrementToken() {
        if (next >= tokens.size()) return false;
        clearAttributes();
        Token token = tokens.get(next++);
        termAttribute.setEmpty().append(token.term());
        offsetAttribute.setOffset(correctOffset(token.start()), correctOffset(token.end()));
        incrementAttribute.setPositionIncrement(token.position() - lastPosition);
        lengthAttribute.setPositionLength(token.length());
        typeAttribute.setType(token.type());
        lastPosition = token.position();
        return true;
    }

    @Override
    public void end() throws IOException {
        super.end();
        offsetAttribute.setOffset(finalOffset, finalOffset);
    }

    @Override
    public void close() throws IOException {
        super.close();
        tokens = List.of();
        givenWords = null;
    }

    private List<Token> tokenize(String text, List<ChineseSegmenter.Word> words) {
        List<Token> out = new ArrayList<>();
        int position = 0, at = 0;
        for (int w = 0; w < words.size(); ) {
            if (!hasHan(words.get(w).text())) {
                w++; // read with the text around it, below
                continue;
            }
            int first = w, end = words.get(w).end();
            for (w++; w < words.size() && words.get(w).start() == end && hasHan(words.get(w).text()); w++) end = words.get(w).end();
            int start = words.get(first).start();
            position = alphanumeric(text, at, start, position, out);
            position = chinese(text, words.subList(first, w), start, end, position, out);
            at = end;
        }
        alphanumeric(text, at, text.length(), position, out);
        out.sort(Comparator.comparingInt(Token::position).thenComparingInt(Token::start).thenComparingInt(Token::length));
        return out;
    }

    /** Tokens of one stretch of Chinese words from {@code from} to {@code to}; returns the next free position. */
    private int chinese(String text, List<ChineseSegmenter.Word> words, int from, int to, int position, List<Token> out) {
        String folded = fold(text, from, to);
        int chars = folded.codePointCount(0, folded.length());
        int[] codePointAt = new int[folded.length() + 1]; // char offset in the stretch -> code point index
        for (int offset = 0, k = 0; offset <= folded.length(); k++) {
            codePointAt[offset] = k;
            if (offset == folded.length()) break;
            int n = Character.charCount(folded.codePointAt(offset));
            if (n == 2) codePointAt[offset + 1] = k;
            offset += n;
        }
        boolean[] boundaries = new boolean[folded.length() + 1];
        int[] wordAt = new int[chars + 1]; // code point index -> index of the word holding it
        for (int i = 0; i < words.size(); i++) {
            int s = words.get(i).start() - from, e = words.get(i).end() - from;
            boundaries[s] = boundaries[e] = true;
            for (int k = codePointAt[s]; k < codePointAt[e]; k++) wordAt[k] = i;
        }
        List<CrossStraitTerms.Match> synonyms = mayHoldTerm(folded, boundaries) ? CrossStraitTerms.shared().find(folded, boundaries) : List.of();
        if (!pairs) {
            for (int i = 0; i < words.size(); i++) {
                ChineseSegmenter.Word word = words.get(i);
                out.add(new Token(folded.substring(word.start() - from, word.end() - from), word.start(), word.end(),
                        position + i, 1, CHINESE));
            }
            for (CrossStraitTerms.Match match : synonyms) {
                int first = wordAt[codePointAt[match.start()]], last = wordAt[codePointAt[match.end()] - 1];
                out.add(new Token(SYNONYM_PREFIX + match.group().canonical(), from + match.start(), from + match.end(),
                        position + first, last - first + 1, SYNONYM));
            }
            return position + words.size();
        }
        if (chars == 1) {
            out.add(new Token(folded, from, to, position, 1, CHINESE));
            return position + 1;
        }
        for (int offset = 0; offset < folded.length(); ) {
            int n = Character.charCount(folded.codePointAt(offset));
            if (offset + n >= folded.length()) break;
            int pairEnd = offset + n + Character.charCount(folded.codePointAt(offset + n));
            out.add(new Token(folded.substring(offset, pairEnd), from + offset, from + pairEnd, position + codePointAt[offset], 1, CHINESE));
            offset += n;
        }
        for (ChineseSegmenter.Word word : words) {
            int s = word.start() - from, e = word.end() - from;
            int length = codePointAt[e] - codePointAt[s];
            if (length == 2) continue; // the word is one of the pairs
            out.add(new Token(folded.substring(s, e), word.start(), word.end(),
                    position + Math.min(codePointAt[s], chars - 2), Math.max(1, length - 1), CHINESE));
        }
        for (CrossStraitTerms.Match match : synonyms) {
            int length = codePointAt[match.end()] - codePointAt[match.start()];
            out.add(new Token(SYNONYM_PREFIX + match.group().canonical(), from + match.start(), from + match.end(),
                    position + codePointAt[match.start()], Math.max(1, length - 1), SYNONYM));
        }
        return position + chars - 1;
    }

    /** Runs of letters and digits (with an apostrophe or dot inside, as in Taiwan's or U.S.) between {@code from} and {@code to}. */
    private static int alphanumeric(String text, int from, int to, int position, List<Token> out) {
        int i = from;
        while (i < to) {
            while (i < to && !Character.isLetterOrDigit(text.codePointAt(i))) i += Character.charCount(text.codePointAt(i));
            int start = i;
            while (i < to) {
                int c = text.codePointAt(i);
                if (Character.isLetterOrDigit(c)) {
                    i += Character.charCount(c);
                } else if ((c == '\'' || c == '’' || c == '.') && i > start && i + 1 < to && Character.isLetterOrDigit(text.codePointAt(i + 1))) {
                    i++;
                } else {
                    break;
                }
            }
            if (i > start) out.add(new Token(text.substring(start, i), start, i, position++, 1, ALPHANUMERIC));
        }
        return position;
    }

    /**
     * {@link ChineseScript#fold} of {@code text[from, to)}, each Basic Multilingual Plane character folded
     * once per process and then read from a table (folding looks a boxed code point up in a map).
     */
    static String fold(String text, int from, int to) {
        char[] out = new char[to - from];
        for (int i = from; i < to; i++) {
            out[i - from] = fold(text.charAt(i));
        }
        // surrogate pairs (rare Han beyond the BMP): the library folds the whole stretch itself
        for (char c : out) {
            if (Character.isSurrogate(c)) return ChineseScript.fold(text.substring(from, to));
        }
        return new String(out);
    }

    private static char fold(char c) {
        if (c < 0x2E80 || Character.isSurrogate(c)) return c;
        char folded = FOLDED[c];
        if (folded == 0) {
            int f = ChineseScript.fold((int) c);
            folded = Character.isBmpCodePoint(f) ? (char) f : c; // folding keeps the length: always BMP
            FOLDED[c] = folded;
        }
        return folded;
    }

    /** Folded form of each BMP char looked up so far; 0 where not looked up yet. Races only repeat a lookup. */
    private static final char[] FOLDED = new char[Character.MAX_VALUE + 1];
    /** Chars that a cross-strait term (folded) starts with; one beyond the BMP sets the last entry. */
    private static final boolean[] TERM_STARTS = termStarts();

    private static boolean[] termStarts() {
        boolean[] starts = new boolean[Character.MAX_VALUE + 2];
        for (CrossStraitTerms.Group group : CrossStraitTerms.shared().groups()) {
            for (String term : group.terms()) {
                String folded = ChineseScript.fold(term.strip());
                if (folded.isEmpty()) continue;
                int first = folded.codePointAt(0);
                starts[Character.isBmpCodePoint(first) ? first : Character.MAX_VALUE + 1] = true;
            }
        }
        return starts;
    }

    /**
     * False when no word of the stretch starts with a char that starts a cross-strait term, so that
     * {@link CrossStraitTerms#find} (which tries every length at every word start) would find nothing.
     */
    private static boolean mayHoldTerm(String folded, boolean[] boundaries) {
        for (int i = 0; i < folded.length(); i++) {
            if (!boundaries[i]) continue;
            char c = folded.charAt(i);
            if (Character.isSurrogate(c)) {
                if (TERM_STARTS[Character.MAX_VALUE + 1]) return true;
                continue;
            }
            // find() folds once more; a folded char folds to itself but for rare variant chains, checked as well
            if (TERM_STARTS[c] || TERM_STARTS[fold(c)]) return true;
        }
        return false;
    }

    private static boolean matches(List<ChineseSegmenter.Word> words, String text) {
        int last = 0;
        for (ChineseSegmenter.Word word : words) {
            if (word.start() < last || word.end() > text.length() || !text.startsWith(word.text(), word.start())) return false;
            last = word.end();
        }
        return true;
    }

    private static boolean hasHan(String text) {
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (c >= 0x2E80 && Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN) return true;
            i += Character.charCount(c);
        }
        return false;
    }
}
