package org.mediamonitor.classifier;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** CoreNLP's sentiment model read around a target, on sentences written for this test. */
class SentenceSentimentTest {
    private static final TextAnalysis TEXT = new TextAnalysis(null);

    private static TextAnalysis.Sentence sentence(String text) {
        List<TextAnalysis.Sentence> all = TEXT.sentences("", text, false);
        assertEquals(1, all.size(), text);
        return all.getFirst();
    }

    /** The tokens of the first mention of {@code name} (one or more words). */
    private static BitSet mention(TextAnalysis.Sentence s, String name) {
        String[] words = name.split(" ");
        List<TextAnalysis.Token> tokens = s.tokens();
        for (int i = 0; i + words.length <= tokens.size(); i++) {
            boolean all = true;
            for (int k = 0; k < words.length && all; k++) all = tokens.get(i + k).surface().equals(words[k]);
            if (all) {
                BitSet b = new BitSet();
                b.set(i, i + words.length);
                return b;
            }
        }
        throw new AssertionError(name + " is not in " + s.text());
    }

    private static SentenceSentiment.Tone tone(String text, String target) {
        TextAnalysis.Sentence s = sentence(text);
        return SentenceSentiment.shared().of(s, mention(s, target));
    }

    /** Parsed anew, not taken from the tones remembered. */
    private static SentenceSentiment.Tone parsed(String text, String target) {
        TextAnalysis.Sentence s = sentence(text);
        return SentenceSentiment.shared().parsedAgain(s, mention(s, target));
    }

    @Test
    void praiseAndCriticismHaveTheirTone() {
        SentenceSentiment.Tone praised = tone("Voters loved Mayor Lindqvist, a brilliant, honest and wonderful leader.", "Mayor Lindqvist");
        SentenceSentiment.Tone criticised = tone("Mayor Lindqvist is a terrible, dishonest and incompetent leader.", "Mayor Lindqvist");
        assertTrue(praised.sentence()[2] > praised.sentence()[0], Arrays.toString(praised.sentence()));
        assertTrue(criticised.sentence()[0] > criticised.sentence()[2], Arrays.toString(criticised.sentence()));
        assertTrue(criticised.clause()[0] > criticised.clause()[2], Arrays.toString(criticised.clause()));
    }

    @Test
    void thePhrasesAreThoseAroundTheMention() {
        // the same sentence read for two targets: the clause around each differs from the whole sentence
        String text = "The brilliant and generous volunteers were wonderful, while the corrupt and incompetent Senator Okafor failed everyone.";
        SentenceSentiment.Tone volunteers = tone(text, "volunteers");
        SentenceSentiment.Tone senator = tone(text, "Senator Okafor");
        assertArrayEquals(volunteers.sentence(), senator.sentence(), 1e-12);
        assertTrue(senator.near()[0] > volunteers.near()[0], Arrays.toString(senator.near()) + " against " + Arrays.toString(volunteers.near()));
        for (double[] p : List.of(senator.sentence(), senator.near(), senator.clause())) {
            assertEquals(1, p[0] + p[1] + p[2], 1e-6);
        }
    }

    @Test
    void aToneRememberedIsTheToneParsed() {
        String text = "Critics mocked Governor Tanaka's clumsy and dishonest speech.";
        SentenceSentiment.Tone first = tone(text, "Governor Tanaka"), again = tone(text, "Governor Tanaka");
        SentenceSentiment.Tone anew = parsed(text, "Governor Tanaka");
        assertArrayEquals(anew.clause(), again.clause(), 1e-12);
        assertArrayEquals(first.near(), anew.near(), 1e-12);
    }

    @Test
    void aSentenceTooLongToParseReadsAsNeutral() {
        String text = "Taiwan " + "and the islands ".repeat(SentenceSentiment.MAX_TOKENS / 3) + "were praised.";
        SentenceSentiment.Tone t = tone(text, "Taiwan");
        assertSame(SentenceSentiment.Tone.NONE, t);
    }

    @Test
    void concurrentCallersGetWhatOneCallerGets() throws Exception {
        List<String> texts = new ArrayList<>();
        String[] words = {"praised", "attacked", "welcomed", "condemned", "thanked", "mocked"};
        for (int i = 0; i < 18; i++) {
            texts.add("Officials in Ohio " + words[i % words.length] + " Governor Tanaka on day " + (i + 1) + " of the long strike.");
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<SentenceSentiment.Tone>> together = new ArrayList<>();
            for (String t : texts) together.add(pool.submit(() -> parsed(t, "Governor Tanaka")));
            for (int i = 0; i < texts.size(); i++) {
                SentenceSentiment.Tone alone = parsed(texts.get(i), "Governor Tanaka");
                SentenceSentiment.Tone concurrent = together.get(i).get();
                assertArrayEquals(alone.sentence(), concurrent.sentence(), 1e-12, texts.get(i));
                assertArrayEquals(alone.near(), concurrent.near(), 1e-12, texts.get(i));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
