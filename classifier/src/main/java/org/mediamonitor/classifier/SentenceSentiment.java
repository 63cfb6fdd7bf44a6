package org.mediamonitor.classifier;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.neural.rnn.RNNCoreAnnotations;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.sentiment.SentimentCoreAnnotations;
import edu.stanford.nlp.trees.Tree;
import edu.stanford.nlp.util.CoreMap;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.ejml.simple.SimpleMatrix;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CoreNLP's sentiment model (a recursive network over the sentence's binarised parse, shift-reduce parser)
 * read around a target: the tone of the whole sentence, of the smallest phrase that holds the mention and a
 * few words beside it (what is said of the target itself), and of the clause around it. One signal among the
 * features of {@link TargetPolarity}, not the answer: the model learnt the tone of film reviews, and news
 * that reports a fact about a target can sound negative without judging it.
 *
 * <p>Loaded once per process on first use (about 650 MB of heap, 3–11 s), and used only for English sentences
 * that name a target; the parse is the costly part (about 30 ms of CPU a sentence, part-of-speech tags and
 * sentiment included). Sentences of more than {@link #MAX_TOKENS} tokens are not parsed and read as neutral.
 */
final class SentenceSentiment {
    private static final Logger LOG = LoggerFactory.getLogger(SentenceSentiment.class);
    static final int MAX_TOKENS = 80;
    /**
     * Parses kept for sentences already read (a few KB each): training and cross-validation read each sentence
     * many times, and NewsMTSC has some 7,800 sentences.
     */
    private static final int REMEMBERED = 10_000;
    /** How many words beyond the mention the near phrase and the clause hold at least. */
    private static final int NEAR = 3, CLAUSE = 8;

    /**
     * The tone of the three spans, each as probabilities {negative, neutral, positive} (the model's two
     * negative and two positive classes added up).
     */
    record Tone(double[] sentence, double[] near, double[] clause) {
        static final Tone NONE = new Tone(neutral(), neutral(), neutral());

        private static double[] neutral() {
            return new double[] {0, 1, 0};
        }
    }

    /** One parsed sentence: the span and the three probabilities of every node of its tree. */
    private record Parsed(int[] start, int[] end, double[][] tone) {
        /** A sentence the parser could not read. */
        static final Parsed NONE = new Parsed(new int[0], new int[0], new double[0][]);
    }

    private final StanfordCoreNLP pipeline;
    private final Map<String, Parsed> remembered = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Parsed> eldest) {
            return size() > REMEMBERED;
        }
    };

    private SentenceSentiment() {
        long began = System.nanoTime();
        Properties props = new Properties();
        props.setProperty("annotators", "tokenize,ssplit,pos,parse,sentiment");
        // the sentence arrives tokenised by TextAnalysis: one token per space-separated piece, one sentence
        props.setProperty("tokenize.whitespace", "true");
        props.setProperty("ssplit.isOneSentence", "true");
        props.setProperty("parse.model", "edu/stanford/nlp/models/srparser/englishSR.ser.gz");
        props.setProperty("parse.maxlen", Integer.toString(MAX_TOKENS));
        props.setProperty("parse.binaryTrees", "true");
        this.pipeline = new StanfordCoreNLP(props);
        LOG.info("English sentence sentiment model (shift-reduce parser) loaded in {} ms", (System.nanoTime() - began) / 1_000_000);
    }

    /** The model, loaded on first use and shared by every thread of the process. */
    static SentenceSentiment shared() {
        return Shared.MODEL;
    }

    /** Loaded when first asked for: the JVM runs a class's initialiser once, whichever threads ask. */
    private static final class Shared {
        static final SentenceSentiment MODEL = new SentenceSentiment();
    }

    /** The tone of the sentence and of the phrases around the first mention of the target (its tokens set in {@code target}). */
    Tone of(TextAnalysis.Sentence sentence, BitSet target) {
        return read(sentence, target, true);
    }

    /** As {@link #of}, parsing the sentence again even when it was read before. */
    Tone parsedAgain(TextAnalysis.Sentence sentence, BitSet target) {
        return read(sentence, target, false);
    }

    private Tone read(TextAnalysis.Sentence sentence, BitSet target, boolean remember) {
        List<TextAnalysis.Token> tokens = sentence.tokens();
        if (tokens.isEmpty() || tokens.size() > MAX_TOKENS || target.isEmpty()) return Tone.NONE;
        StringBuilder text = new StringBuilder();
        for (TextAnalysis.Token t : tokens) {
            if (!text.isEmpty()) text.append(' ');
            text.append(t.surface().replace(' ', '_'));
        }
        String key = text.toString();
        Parsed parsed = null;
        if (remember) {
            synchronized (remembered) {
                parsed = remembered.get(key);
            }
        }
        if (parsed == null) {
            parsed = parse(key, tokens.size());
            if (remember) {
                synchronized (remembered) {
                    remembered.put(key, parsed);
                }
            }
        }
        if (parsed.start().length == 0) return Tone.NONE;
        int first = target.nextSetBit(0), last = first;
        while (last + 1 < tokens.size() && target.get(last + 1)) last++;
        return new Tone(parsed.tone()[0], parsed.tone()[smallest(parsed, first, last + 1, NEAR)],
                parsed.tone()[smallest(parsed, first, last + 1, CLAUSE)]);
    }

    /** The smallest node that covers [from, to) and at least {@code beyond} more tokens; the root if none. */
    private static int smallest(Parsed p, int from, int to, int beyond) {
        int best = 0, bestLength = Integer.MAX_VALUE;
        for (int n = 0; n < p.start().length; n++) {
            int length = p.end()[n] - p.start()[n];
            if (p.start()[n] <= from && p.end()[n] >= to && length >= to - from + beyond && length < bestLength) {
                best = n;
                bestLength = length;
            }
        }
        return best;
    }

    private Parsed parse(String text, int tokens) {
        Annotation document = new Annotation(text);
        try {
            pipeline.annotate(document);
        } catch (RuntimeException e) {
            LOG.warn("sentence sentiment: the parser failed on a sentence of {} tokens ({}); read as neutral", tokens, e.toString());
            return Parsed.NONE;
        }
        List<CoreMap> sentences = document.get(CoreAnnotations.SentencesAnnotation.class);
        if (sentences == null || sentences.size() != 1) return Parsed.NONE;
        Tree tree = sentences.getFirst().get(SentimentCoreAnnotations.SentimentAnnotatedTree.class);
        if (tree == null || tree.getLeaves().size() != tokens) return Parsed.NONE;
        List<int[]> spans = new ArrayList<>();
        List<double[]> tones = new ArrayList<>();
        walk(tree, 0, spans, tones);
        int[] start = new int[spans.size()], end = new int[spans.size()];
        for (int i = 0; i < spans.size(); i++) {
            start[i] = spans.get(i)[0];
            end[i] = spans.get(i)[1];
        }
        return new Parsed(start, end, tones.toArray(double[][]::new));
    }

    /** Visits the nodes that carry predictions (pre-order, the root first); returns the leaves covered. */
    private static int walk(Tree node, int from, List<int[]> spans, List<double[]> tones) {
        if (node.isLeaf()) return 1;
        int slot = -1;
        SimpleMatrix p = RNNCoreAnnotations.getPredictions(node);
        if (p != null) {
            slot = spans.size();
            spans.add(new int[] {from, from});
            tones.add(new double[] {p.get(0) + p.get(1), p.get(2), p.get(3) + p.get(4)});
        }
        int covered = 0;
        for (Tree child : node.children()) covered += walk(child, from + covered, spans, tones);
        if (slot >= 0) spans.get(slot)[1] = from + covered;
        return covered;
    }
}
