package org.mediamonitor.classifier;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.util.CoreMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits an item into sentences of tokens: CoreNLP's tokenizer and sentence splitter for English,
 * the {@link ChineseSegmenter} for Chinese. Offsets refer to the item's title, a newline, and its body.
 */
final class TextAnalysis {
    /** A word: as written, its look-up key (lower case, or Simplified), and where it stands. */
    record Token(String surface, String key, int start, int end) {
    }

    /** A sentence: its text, tokens, paragraph number (0 = the title) and place in the body. */
    record Sentence(String text, String normalised, int start, List<Token> tokens, int paragraph, int index) {
        boolean isTitle() {
            return paragraph == 0;
        }
    }

    private static final Pattern CHINESE_SENTENCE = Pattern.compile("[^。！？!?；;\\n]+[。！？!?；;]*[」』”’）)]*");
    private final StanfordCoreNLP english;
    private final ChineseSegmenter chinese;

    TextAnalysis(ChineseSegmenter chinese) {
        Properties props = new Properties();
        props.setProperty("annotators", "tokenize,ssplit");
        props.setProperty("tokenize.language", "en");
        props.setProperty("ssplit.newlineIsSentenceBreak", "always");
        props.setProperty("tokenize.options", "invertible=false,ptb3Escaping=false,splitHyphenated=false");
        this.english = new StanfordCoreNLP(props);
        this.chinese = chinese;
    }

    static String combined(String title, String text) {
        return title + "\n" + text;
    }

    List<Sentence> sentences(String title, String text, boolean isChinese) {
        String all = combined(title, text);
        return isChinese ? chineseSentences(all) : englishSentences(all);
    }

    private List<Sentence> englishSentences(String all) {
        Annotation document = new Annotation(all);
        english.annotate(document);
        List<Sentence> out = new ArrayList<>();
        int paragraph = 0, index = 0;
        int lastEnd = 0;
        for (CoreMap sentence : document.get(CoreAnnotations.SentencesAnnotation.class)) {
            List<Token> tokens = new ArrayList<>();
            for (CoreLabel label : sentence.get(CoreAnnotations.TokensAnnotation.class)) {
                tokens.add(new Token(label.originalText(), label.word().toLowerCase(Locale.ROOT),
                        label.beginPosition(), label.endPosition()));
            }
            if (tokens.isEmpty()) continue;
            int start = tokens.getFirst().start(), end = tokens.getLast().end();
            paragraph += newlinesBetween(all, lastEnd, start);
            lastEnd = end;
            String sentenceText = all.substring(start, end);
            // names are looked for with either apostrophe ("People’s Republic of China")
            String normalised = sentenceText.toLowerCase(Locale.ROOT).replace('’', '\'');
            out.add(new Sentence(sentenceText, normalised, start, tokens, paragraph,
                    paragraph == 0 ? -1 : index++));
        }
        return out;
    }

    private List<Sentence> chineseSentences(String all) {
        List<Sentence> out = new ArrayList<>();
        Matcher m = CHINESE_SENTENCE.matcher(all);
        int paragraph = 0, index = 0, lastEnd = 0;
        while (m.find()) {
            String raw = m.group();
            if (raw.isBlank()) continue;
            int start = m.start();
            paragraph += newlinesBetween(all, lastEnd, start);
            lastEnd = m.end();
            List<Token> tokens = new ArrayList<>();
            for (ChineseSegmenter.Word word : chinese.segment(raw)) {
                tokens.add(new Token(word.text(), word.simplified().toLowerCase(Locale.ROOT),
                        start + word.start(), start + word.end()));
            }
            if (tokens.isEmpty()) continue;
            out.add(new Sentence(raw, chinese.toSimplified(raw).toLowerCase(Locale.ROOT), start, tokens,
                    paragraph, paragraph == 0 ? -1 : index++));
        }
        return out;
    }

    private static int newlinesBetween(String text, int from, int to) {
        int count = 0;
        for (int i = from; i < to && i < text.length(); i++) if (text.charAt(i) == '\n') count++;
        return count;
    }
}
