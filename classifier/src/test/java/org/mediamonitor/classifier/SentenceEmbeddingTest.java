package org.mediamonitor.classifier;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The English sentence encoder, on sentences written for this test. */
class SentenceEmbeddingTest {
    private static final SentenceEmbedding ENCODER = SentenceEmbedding.shared();

    private static double cosine(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    @Test
    void aPassageIsAUnitVectorAndABlankOneIsZero() {
        float[] v = ENCODER.of("Lawmakers in Ohio approved the new budget on Tuesday.");
        assertEquals(SentenceEmbedding.DIMENSION, v.length);
        double norm = 0;
        for (float f : v) norm += f * f;
        assertEquals(1, Math.sqrt(norm), 1e-3);
        for (float f : ENCODER.of("  ")) assertEquals(0f, f);
    }

    @Test
    void sentencesThatMeanTheSameAreCloserThanSentencesThatDoNot() {
        float[] condemned = ENCODER.of("The minister harshly condemned the governor's decision.");
        float[] denounced = ENCODER.of("The official angrily denounced the ruling of the governor.");
        float[] praised = ENCODER.of("The minister warmly praised the governor's decision.");
        float[] weather = ENCODER.of("Rain is expected along the coast over the weekend.");
        double same = cosine(condemned, denounced);
        assertTrue(same > cosine(condemned, weather), "condemned/denounced " + same);
        // what is closest to a condemnation, among these, is the other condemnation, not the praise in the same words
        assertTrue(same > cosine(denounced, praised), "condemned/denounced " + same + ", denounced/praised " + cosine(denounced, praised));
    }

    @Test
    void aVectorRememberedIsTheVectorEncoded() {
        String text = "Critics mocked Governor Tanaka's clumsy speech.";
        float[] first = ENCODER.of(text);
        assertSame(first, ENCODER.of(text));
        assertArrayEquals(ENCODER.encoded(text), first, 1e-6f);
    }

    @Test
    void concurrentCallersGetWhatOneCallerGets() throws Exception {
        List<String> texts = new ArrayList<>();
        String[] words = {"praised", "attacked", "welcomed", "condemned", "thanked", "mocked"};
        for (int i = 0; i < 24; i++) {
            texts.add("Officials in Ohio " + words[i % words.length] + " Governor Tanaka on day " + (i + 1) + " of the strike.");
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[]>> together = new ArrayList<>();
            for (String t : texts) together.add(pool.submit(() -> ENCODER.encoded(t)));
            for (int i = 0; i < texts.size(); i++) {
                assertArrayEquals(ENCODER.encoded(texts.get(i)), together.get(i).get(), 1e-5f, texts.get(i));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
