package org.mediamonitor.index;

import com.ibm.icu.text.Transliterator;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.icu.ICUTransformFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * Analysis of article text in English and Chinese, in one field: Chinese characters are folded to
 * Simplified script (臺灣, 台灣 and 台湾 become one form) and full-width forms to half-width, then
 * indexed as overlapping character pairs, so that a query in either script finds text in both;
 * English words are lower-cased, possessives dropped and stemmed.
 */
public final class NewsAnalyzer extends Analyzer {
    private static final Transliterator TO_SIMPLIFIED = Transliterator.getInstance("Traditional-Simplified");

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer source = new StandardTokenizer();
        TokenStream stream = new CJKWidthFilter(source);
        stream = new ICUTransformFilter(stream, TO_SIMPLIFIED);
        stream = new LowerCaseFilter(stream);
        stream = new CJKBigramFilter(stream);
        stream = new EnglishPossessiveFilter(stream);
        stream = new PorterStemFilter(stream);
        return new TokenStreamComponents(source, stream);
    }
}
