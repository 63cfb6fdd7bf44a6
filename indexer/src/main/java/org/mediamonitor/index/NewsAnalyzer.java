package org.mediamonitor.index;

import java.io.StringReader;
import java.util.List;
import java.util.function.Supplier;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.icu.ICUNormalizer2Filter;
import org.apache.lucene.analysis.miscellaneous.KeywordMarkerFilter;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;
import org.mediamonitor.classifier.ChineseSegmenter;

/**
 * Analysis of article text in English and Chinese, in one field, for indexing and for queries.
 * Chinese becomes the segmenter's words and their character pairs, in one script (臺灣, 台灣 and 台湾
 * are one form, as are the variants people mix, such as 裡/裏/里 and 著/着), with cross-strait terms
 * (陆委会 and 大陸委員會, 软件 and 軟體) joined by a shared token: see {@link ChineseWordTokenizer}.
 * All text is normalised with Unicode NFKC and case-folded (full-width forms become half-width);
 * English words lose possessives and are stemmed (Porter).
 *
 * <p>Text already segmented on its way in is indexed with {@link #tokenStream(String, String, List)},
 * which does not run the segmenter again. The segmenter is loaded only when Chinese text arrives.
 */
public final class NewsAnalyzer extends Analyzer {
    private final Supplier<ChineseSegmenter> segmenter;
    private final boolean pairs;

    /** The analyzer of the index: words and character pairs, with the process-wide segmenter. */
    public NewsAnalyzer() {
        this(ChineseSegmenter::shared, true);
    }

    /**
     * @param segmenter where to get the segmenter, asked only when Chinese text arrives
     * @param pairs     whether Chinese is indexed as character pairs besides words (the default) or as words alone
     */
    NewsAnalyzer(Supplier<ChineseSegmenter> segmenter, boolean pairs) {
        this.segmenter = segmenter;
        this.pairs = pairs;
    }

    /**
     * The tokens of {@code text} whose words the segmenter has already found, for a field built from
     * a token stream ({@code new TextField(name, stream)}). Words that do not fit the text are
     * ignored and the text is segmented again.
     */
    public TokenStream tokenStream(String fieldName, String text, List<ChineseSegmenter.Word> words) {
        ChineseWordTokenizer tokenizer = new ChineseWordTokenizer(segmenter, pairs);
        tokenizer.setWords(words);
        tokenizer.setReader(new StringReader(text));
        return filters(tokenizer);
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        ChineseWordTokenizer tokenizer = new ChineseWordTokenizer(segmenter, pairs);
        return new TokenStreamComponents(tokenizer, filters(tokenizer));
    }

    private static TokenStream filters(ChineseWordTokenizer tokenizer) {
        TokenStream stream = new ICUNormalizer2Filter(tokenizer); // NFKC + case folding: width and case
        stream = new EnglishPossessiveFilter(stream);
        stream = new ChineseKeywordMarker(stream); // the stemmer leaves Chinese alone
        return new PorterStemFilter(stream);
    }

    /** Marks Chinese tokens and cross-strait group tokens as keywords, which the stemmer skips. */
    private static final class ChineseKeywordMarker extends KeywordMarkerFilter {
        private final TypeAttribute type = addAttribute(TypeAttribute.class);

        ChineseKeywordMarker(TokenStream in) {
            super(in);
        }

        @Override
        protected boolean isKeyword() {
            return !ChineseWordTokenizer.ALPHANUMERIC.equals(type.type());
        }
    }
}
