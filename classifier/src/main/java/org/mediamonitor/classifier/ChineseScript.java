package org.mediamonitor.classifier;

import com.ibm.icu.text.Transliterator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Folds Chinese text to one script for matching: Traditional characters to Simplified (ICU
 * {@code Traditional-Simplified}, one character at a time) and then the variants that people mix and
 * that the conversion leaves apart (峯/峰, 衞/卫, 著/着 …) to one form. The result has the same length
 * as the input, so offsets into it are offsets into the original. It is for matching, not for display:
 * it merges a few characters that are distinct in Simplified writing (著 and 着).
 */
public final class ChineseScript {
    private static final Map<Integer, Integer> VARIANTS = loadVariants();
    private static final Map<Integer, Integer> FOLDED = new ConcurrentHashMap<>();
    private static final ThreadLocal<Transliterator> TO_SIMPLIFIED =
            ThreadLocal.withInitial(() -> Transliterator.getInstance("Traditional-Simplified"));

    private ChineseScript() {
    }

    /** {@code text} with every Han character folded; other characters are left as they are. */
    public static String fold(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            int n = Character.charCount(c);
            int folded = fold(c);
            if (folded != c && out == null) out = new StringBuilder(text.length()).append(text, 0, i);
            if (out != null) out.appendCodePoint(folded);
            i += n;
        }
        return out == null ? text : out.toString();
    }

    /** One code point folded; the same code point when it is not Han or has no other form. */
    public static int fold(int c) {
        if (c < 0x2E80 || Character.UnicodeScript.of(c) != Character.UnicodeScript.HAN) return c;
        return FOLDED.computeIfAbsent(c, k -> {
            String converted = TO_SIMPLIFIED.get().transliterate(Character.toString(k));
            // keep the length (and so every offset): a conversion to more than one character is refused
            int simplified = converted.codePointCount(0, converted.length()) == 1
                    && Character.charCount(converted.codePointAt(0)) == Character.charCount(k) ? converted.codePointAt(0) : k;
            return VARIANTS.getOrDefault(simplified, simplified);
        });
    }

    private static Map<Integer, Integer> loadVariants() {
        Map<Integer, Integer> variants = new HashMap<>();
        try (InputStream in = ChineseScript.class.getResourceAsStream("chinese-variants.tsv")) {
            if (in == null) throw new IllegalStateException("chinese-variants.tsv is missing from the classpath");
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] parts = line.split("\t");
                if (parts.length != 2 || parts[0].codePointCount(0, parts[0].length()) != 1
                        || parts[1].codePointCount(0, parts[1].length()) != 1
                        || Character.charCount(parts[0].codePointAt(0)) != Character.charCount(parts[1].codePointAt(0))) {
                    throw new IllegalStateException("chinese-variants.tsv: bad line: " + line);
                }
                variants.put(parts[0].codePointAt(0), parts[1].codePointAt(0));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(variants);
    }
}
