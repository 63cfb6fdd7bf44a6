package org.mediamonitor.crawler;

import com.ibm.icu.text.Transliterator;
import java.util.Locale;

/**
 * Tells the language of an article's text: {@code zh-Hant} or {@code zh-Hans} for Chinese (the
 * script decides), {@code en}, or the page's own declaration for other languages.
 */
public final class Languages {
    private static final ThreadLocal<Transliterator> TO_SIMPLIFIED =
            ThreadLocal.withInitial(() -> Transliterator.getInstance("Traditional-Simplified"));
    private static final ThreadLocal<Transliterator> TO_TRADITIONAL =
            ThreadLocal.withInitial(() -> Transliterator.getInstance("Simplified-Traditional"));

    private Languages() {
    }

    /**
     * The language of {@code text}.
     *
     * @param declared the page's {@code lang} attribute or Content-Language, or null
     */
    public static String detect(String text, String declared) {
        int han = 0, latin = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            Character.UnicodeScript script = Character.UnicodeScript.of(c);
            if (script == Character.UnicodeScript.HAN) han++;
            else if (script == Character.UnicodeScript.LATIN) latin++;
        }
        if (han > 0 && han * 3 >= latin) return chineseScript(text);
        String tag = declared == null ? "" : declared.strip().toLowerCase(Locale.ROOT);
        if (!tag.isEmpty() && !tag.startsWith("zh")) return tag.split("[-_]")[0];
        return latin > 0 ? "en" : null;
    }

    /** {@code zh-Hant} when the text has more Traditional-only characters than Simplified-only ones. */
    public static String chineseScript(String text) {
        String simplified = TO_SIMPLIFIED.get().transliterate(text);
        String traditional = TO_TRADITIONAL.get().transliterate(text);
        int traditionalOnly = differences(text, simplified);
        int simplifiedOnly = differences(text, traditional);
        return traditionalOnly > simplifiedOnly ? "zh-Hant" : "zh-Hans";
    }

    private static int differences(String a, String b) {
        if (a.length() != b.length()) return Math.abs(a.length() - b.length());
        int count = 0;
        for (int i = 0; i < a.length(); i++) if (a.charAt(i) != b.charAt(i)) count++;
        return count;
    }
}
