package org.mediamonitor.crawler;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import com.ibm.icu.text.Transliterator;
import java.util.Locale;

/**
 * Tells the language of an article's text: {@code zh-Hant} or {@code zh-Hans} for Chinese (the script
 * decides, never the page's declaration, which is often wrong), {@code ja} and {@code ko} by their own
 * scripts, and for the rest a statistical detector (Lingua) over the languages that report most on
 * Taiwan. The detector's models are loaded on first use, in low-accuracy mode to keep memory small.
 */
public final class Languages {
    private static final ThreadLocal<Transliterator> TO_SIMPLIFIED =
            ThreadLocal.withInitial(() -> Transliterator.getInstance("Traditional-Simplified"));
    private static final ThreadLocal<Transliterator> TO_TRADITIONAL =
            ThreadLocal.withInitial(() -> Transliterator.getInstance("Simplified-Traditional"));
    /** Enough text for the detector; more only costs time. */
    private static final int SAMPLE = 300;

    private Languages() {
    }

    /** Built on first use: loading the models takes a second and some tens of megabytes. */
    private static final class Detector {
        static final LanguageDetector INSTANCE = LanguageDetectorBuilder.fromLanguages(
                Language.ENGLISH, Language.GERMAN, Language.FRENCH, Language.SPANISH, Language.PORTUGUESE,
                Language.ITALIAN, Language.DUTCH, Language.POLISH, Language.RUSSIAN, Language.UKRAINIAN,
                Language.CZECH, Language.SWEDISH, Language.TURKISH, Language.VIETNAMESE, Language.INDONESIAN,
                Language.ARABIC).withLowAccuracyMode().build();
    }

    /**
     * The language of {@code text}.
     *
     * @param declared the page's {@code lang} attribute or Content-Language, or null
     */
    public static String detect(String text, String declared) {
        int han = 0, kana = 0, hangul = 0, letters = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (!Character.isLetter(c)) continue;
            letters++;
            Character.UnicodeScript script = Character.UnicodeScript.of(c);
            if (script == Character.UnicodeScript.HAN) han++;
            else if (script == Character.UnicodeScript.HIRAGANA || script == Character.UnicodeScript.KATAKANA) kana++;
            else if (script == Character.UnicodeScript.HANGUL) hangul++;
        }
        String tag = declared == null ? "" : declared.strip().toLowerCase(Locale.ROOT).split("[-_]")[0];
        if (letters == 0) return tag.isEmpty() || tag.equals("zh") ? null : tag;
        if (kana * 20 >= letters) return "ja";
        if (hangul * 3 >= letters) return "ko";
        if (han * 3 >= letters) return chineseScript(text);
        Language found = Detector.INSTANCE.detectLanguageOf(text.length() > SAMPLE ? text.substring(0, SAMPLE) : text);
        if (found != Language.UNKNOWN) return found.getIsoCode639_1().name().toLowerCase(Locale.ROOT);
        return tag.isEmpty() || tag.equals("zh") ? null : tag;
    }

    /** {@code zh-Hant} when the text has more Traditional-only characters than Simplified-only ones. */
    public static String chineseScript(String text) {
        // a few hundred Han characters show the variant; transliterating a whole article costs milliseconds
        StringBuilder han = new StringBuilder();
        for (int i = 0; i < text.length() && han.length() < 400; ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN) han.appendCodePoint(c);
        }
        text = han.toString();
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
