package org.mediamonitor.classifier;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an English passage means, as a vector: BAAI's bge-small-en-v1.5 sentence encoder (a 12-layer
 * transformer, quantised, 384 dimensions, MIT licence), run in process by ONNX Runtime from the
 * langchain4j jar that carries it. {@link TargetPolarity} reads the sentence that names a target and the
 * words right around the mention with it, so that the model sees what a word means and not only which word
 * it is: "denounced" lands nearer "condemned" than "praised" does, also when the training sentences held
 * only one of them.
 *
 * <p>Loaded once per process on first use (24 MB of model, under a second); a short passage costs a few
 * milliseconds of CPU. Thread-safe: ONNX Runtime sessions may be run by several threads at once. Where
 * ONNX Runtime cannot be loaded (a platform without its native library), every vector is zero and the
 * models read their other features.
 */
final class SentenceEmbedding {
    private static final Logger LOG = LoggerFactory.getLogger(SentenceEmbedding.class);
    static final int DIMENSION = 384;
    /** Vectors kept for passages already read: training and cross-validation read each one many times. */
    private static final int REMEMBERED = 40_000;

    private final EmbeddingModel model;
    private final Map<String, float[]> remembered = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
            return size() > REMEMBERED;
        }
    };

    private SentenceEmbedding() {
        long began = System.nanoTime();
        EmbeddingModel loaded = null;
        try {
            loaded = new BgeSmallEnV15QuantizedEmbeddingModel();
            LOG.info("English sentence encoder (bge-small-en-v1.5) loaded in {} ms", (System.nanoTime() - began) / 1_000_000);
        } catch (RuntimeException | LinkageError e) {
            // ONNX Runtime's native library is missing for this platform, or the model could not be read
            LOG.warn("the English sentence encoder could not be loaded ({}); English sentences are read without it", e.toString());
        }
        this.model = loaded;
    }

    /** The encoder of this process, loaded on first use. */
    static SentenceEmbedding shared() {
        return Shared.ENCODER;
    }

    /** Loaded when first asked for: the JVM runs a class's initialiser once, whichever threads ask. */
    private static final class Shared {
        static final SentenceEmbedding ENCODER = new SentenceEmbedding();
    }

    /**
     * The unit-length vector of a passage ({@link #DIMENSION} numbers); all zeros for a blank one, and for
     * every passage when the encoder could not be loaded.
     */
    float[] of(String passage) {
        if (passage.isBlank() || model == null) return new float[DIMENSION];
        float[] known;
        synchronized (remembered) {
            known = remembered.get(passage);
        }
        if (known != null) return known;
        float[] vector = encoded(passage);
        synchronized (remembered) {
            remembered.put(passage, vector);
        }
        return vector;
    }

    /** The passage encoded anew, not taken from the vectors remembered. */
    float[] encoded(String passage) {
        if (model == null) return new float[DIMENSION];
        return model.embed(passage).content().vector();
    }
}
