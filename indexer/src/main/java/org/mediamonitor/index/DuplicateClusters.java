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
    /** Looking the algorithm up costs more than hashing a text: one digest per thread, reused. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    });

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
        if (text == null) text = "";
        StringBuilder letters = new StringBuilder(text.length());
        // each word's hash is that of its String (hashCode and length), computed without making the String
        Words words = new Words(text.length() / 3 + 16);
        int hash = 0, length = 0;
        for (int i = 0; i < text.length(); ) {
            char unit = text.charAt(i);
            int c;
            boolean han;
            if (Character.isHighSurrogate(unit) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                c = text.codePointAt(i);
                i += 2;
                if (!Character.isLetterOrDigit(c)) c = -1;
                else c = Character.toLowerCase(c);
                han = c >= 0 && Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
            } else {
                i++;
                char folded = IS_HAN[unit] ? simplified(unit) : unit;
                c = LOWER[folded];
                han = LOWER_IS_HAN[folded];
            }
            if (c < 0) { // not a letter or digit: ends a word
                if (length > 0) words.add(hash, length);
                hash = length = 0;
                continue;
            }
            letters.appendCodePoint(c);
            if (han) {
                if (length > 0) words.add(hash, length);
                hash = length = 0;
                if (Character.isBmpCodePoint(c)) words.add(c, 1);
                else words.add(31 * Character.highSurrogate(c) + Character.lowSurrogate(c), 2);
            } else if (Character.isBmpCodePoint(c)) {
                hash = 31 * hash + c;
                length++;
            } else {
                hash = 31 * (31 * hash + Character.highSurrogate(c)) + Character.lowSurrogate(c);
                length += 2;
            }
        }
        if (length > 0) words.add(hash, length);
        return new Signature(fingerprint(letters.toString()), bands(words.hashes, words.count));
    }

    /** Whether each BMP char is Han, to be folded to Simplified. */
    private static final boolean[] IS_HAN = new boolean[Character.MAX_VALUE + 1];
    /** For each BMP char: its lower case when it is a letter or digit, else -1 (a char between words). */
    private static final int[] LOWER = new int[Character.MAX_VALUE + 1];
    /** Whether the lower case of each BMP letter is Han, and so a word of its own. */
    private static final boolean[] LOWER_IS_HAN = new boolean[Character.MAX_VALUE + 1];

    static {
        // per char once, instead of a script lookup (a binary search) per char of every text
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            IS_HAN[c] = Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
            LOWER[c] = Character.isLetterOrDigit(c) ? Character.toLowerCase(c) : -1;
            LOWER_IS_HAN[c] = LOWER[c] >= 0 && Character.UnicodeScript.of(LOWER[c]) == Character.UnicodeScript.HAN;
        }
    }

    /** A Han char in Simplified script, looked up once and then read from a table (the whole-text transliterator is slow). */
    private static char simplified(char c) {
        char folded = SIMPLIFIED[c];
        if (folded == 0) {
            String t = TO_SIMPLIFIED.transliterate(String.valueOf(c));
            folded = t.length() == 1 ? t.charAt(0) : c;
            SIMPLIFIED[c] = folded;
        }
        return folded;
    }

    /** The hashes of a text's words, in order. */
    private static final class Words {
        long[] hashes;
        int count;

        Words(int capacity) {
            hashes = new long[capacity];
        }

        void add(int stringHash, int length) {
            if (count == hashes.length) hashes = Arrays.copyOf(hashes, count * 2);
            hashes[count++] = mix(stringHash * 0xC2B2AE3D27D4EB4FL + length);
        }
    }

    private static List<String> bands(long[] wordHashes, int words) {
        int shingles = words - SHINGLE + 1;
        if (shingles < MIN_SHINGLES) return List.of();
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
        byte[] hash = SHA_256.get().digest(letters.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(hash, 0, 16);
    }
}
