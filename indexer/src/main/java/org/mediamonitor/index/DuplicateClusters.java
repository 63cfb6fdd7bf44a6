package org.mediamonitor.index;

import com.ibm.icu.text.Transliterator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * What makes two items copies of one story: the same text once folded to Simplified script, lower case
 * and letters only (an exact copy), or word shingles whose MinHash signatures agree in enough bands
 * (a near copy: a changed headline line, an added or dropped sentence, another outlet's by-line).
 * Chinese characters count as words, so Traditional and Simplified copies give the same shingles.
 */
final class DuplicateClusters {
    static final int BANDS = 12, ROWS = 4, HASHES = BANDS * ROWS;
    /** Bands two signatures must share to be near copies: about Jaccard similarity 0.7 and above. */
    static final int MIN_SHARED_BANDS = 3;
    private static final int SHINGLE = 3;
    /** Texts with fewer shingles are clustered only as exact copies: a short text shares too much by chance. */
    private static final int MIN_SHINGLES = 12;
    private static final long[] SEEDS = new long[HASHES];
    private static final Transliterator TO_SIMPLIFIED = Transliterator.getInstance("Traditional-Simplified");
    /** Simplified form of each char seen so far; 0 where not looked up yet. Races only repeat a lookup. */
    private static final char[] SIMPLIFIED = new char[Character.MAX_VALUE + 1];

    static {
        long x = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < HASHES; i++) SEEDS[i] = x = mix(x + i);
    }

    /** The exact-copy fingerprint, and the band keys of the MinHash signature (empty for a short text). */
    record Signature(String fingerprint, List<String> bands) {
    }

    private DuplicateClusters() {
    }

    static Signature of(String text) {
        String folded = fold(text == null ? "" : text);
        List<String> words = new ArrayList<>();
        StringBuilder letters = new StringBuilder(folded.length());
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < folded.length(); ) {
            int c = folded.codePointAt(i);
            i += Character.charCount(c);
            if (!Character.isLetterOrDigit(c)) {
                flush(word, words);
                continue;
            }
            c = Character.toLowerCase(c);
            letters.appendCodePoint(c);
            if (Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN) {
                flush(word, words);
                words.add(new String(Character.toChars(c)));
            } else {
                word.appendCodePoint(c);
            }
        }
        flush(word, words);
        return new Signature(fingerprint(letters.toString()), bands(words));
    }

    /** Each Han character in Simplified script: one character at a time, cached (the whole-text transliterator is slow). */
    private static String fold(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.UnicodeScript.of(c) != Character.UnicodeScript.HAN) {
                if (out != null) out.append(c);
                continue;
            }
            char folded = SIMPLIFIED[c];
            if (folded == 0) {
                String t = TO_SIMPLIFIED.transliterate(String.valueOf(c));
                folded = t.length() == 1 ? t.charAt(0) : c;
                SIMPLIFIED[c] = folded;
            }
            if (out == null) out = new StringBuilder(text.length()).append(text, 0, i);
            out.append(folded);
        }
        return out == null ? text : out.toString();
    }

    private static void flush(StringBuilder word, List<String> words) {
        if (!word.isEmpty()) {
            words.add(word.toString());
            word.setLength(0);
        }
    }

    private static List<String> bands(List<String> words) {
        int shingles = words.size() - SHINGLE + 1;
        if (shingles < MIN_SHINGLES) return List.of();
        long[] wordHashes = new long[words.size()];
        for (int i = 0; i < wordHashes.length; i++) wordHashes[i] = mix(words.get(i).hashCode() * 0xC2B2AE3D27D4EB4FL + words.get(i).length());
        long[] min = new long[HASHES];
        Arrays.fill(min, Long.MAX_VALUE);
        for (int i = 0; i < shingles; i++) {
            long shingle = mix(wordHashes[i] ^ Long.rotateLeft(wordHashes[i + 1], 21) ^ Long.rotateLeft(wordHashes[i + 2], 42));
            for (int h = 0; h < HASHES; h++) {
                long value = mix(shingle ^ SEEDS[h]);
                if (value < min[h]) min[h] = value;
            }
        }
        List<String> keys = new ArrayList<>(BANDS);
        for (int b = 0; b < BANDS; b++) {
            long band = b;
            for (int r = 0; r < ROWS; r++) band = mix(band ^ min[b * ROWS + r]);
            keys.add((char) ('a' + b) + Long.toString(band & Long.MAX_VALUE, 36));
        }
        return keys;
    }

    /** A 64-bit finaliser (the one of SplitMix64): spreads every input bit over the output. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static String fingerprint(String letters) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(letters.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
