package org.mediamonitor.classifier;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Corrects the segmenter's output where it is wrong under any standard, working on word spans of a
 * Simplified line: a punctuation mark or symbol glued to its neighbours (3℃／－8℃ read as one word)
 * becomes a word of its own, except dots (3.5, U.S., 艾瑞克‧孔恩), the marks that belong inside a number
 * (1,000, 10:30, 5/10) and the percent sign after one. A repeated mark (——, ……) stays one word. A date's parts written
 * with numbers become words of their own (1998年 7月 3日), as most standards and readers take them.
 * Pieces that spell a name of {@code names-zh.txt} (Taiwan's places, offices, parties and leaders,
 * and names that news about Taiwan often holds) are joined into one word; no word is ever split for a name.
 */
final class WordRepair {
    private static final int LONGEST_NAME = 8;
    private final Set<String> names = loadNames();

    List<int[]> repair(String line, List<int[]> spans) {
        List<int[]> out = new ArrayList<>(spans.size() + 4);
        for (int[] span : spans) splitMarks(line, span[0], span[1], out);
        return joinNames(line, joinDates(line, out));
    }

    /** Pieces that together spell a name of names-zh.txt (蔡 英文, 陆委 会) become one word. */
    private List<int[]> joinNames(String line, List<int[]> spans) {
        List<int[]> out = new ArrayList<>(spans.size());
        for (int i = 0; i < spans.size(); ) {
            int joinTo = -1;
            for (int j = i + 1; j < spans.size() && spans.get(j)[1] - spans.get(i)[0] <= LONGEST_NAME; j++) {
                if (spans.get(j)[0] != spans.get(j - 1)[1]) break;
                if (names.contains(ChineseScript.fold(line.substring(spans.get(i)[0], spans.get(j)[1])))) joinTo = j;
            }
            if (joinTo < 0) {
                out.add(spans.get(i++));
            } else {
                out.add(new int[] {spans.get(i)[0], spans.get(joinTo)[1]});
                i = joinTo + 1;
            }
        }
        return out;
    }

    private static Set<String> loadNames() {
        Set<String> names = new HashSet<>();
        try (InputStream in = WordRepair.class.getResourceAsStream("names-zh.txt")) {
            if (in == null) throw new IllegalStateException("names-zh.txt is missing from the classpath");
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                String name = line.strip();
                if (!name.isEmpty() && !name.startsWith("#") && name.length() <= LONGEST_NAME) names.add(ChineseScript.fold(name));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(names);
    }

    /**
     * A year written in digits and 年 (1998年, 一九九八年), a month (7月, 十二月) and a day after a month
     * (7月 3日) make one word each. A count of years (五 年, 30 年) and a bare day number stay apart:
     * the standards disagree on those.
     */
    private static List<int[]> joinDates(String line, List<int[]> spans) {
        List<int[]> out = new ArrayList<>(spans.size());
        for (int[] span : spans) {
            if (!out.isEmpty() && span[1] - span[0] == 1) {
                int[] last = out.getLast();
                char unit = line.charAt(span[0]);
                boolean join = last[1] == span[0] && switch (unit) {
                    case '年' -> isYear(line, last[0], last[1]);
                    case '月' -> isNumber(line, last[0], last[1]) && last[1] - last[0] <= 2;
                    case '日', '号' -> isNumber(line, last[0], last[1]) && last[1] - last[0] <= 3
                            && out.size() >= 2 && line.charAt(out.get(out.size() - 2)[1] - 1) == '月'
                            && out.get(out.size() - 2)[1] == last[0];
                    default -> false;
                };
                if (join) {
                    last[1] = span[1];
                    continue;
                }
            }
            out.add(span);
        }
        return out;
    }

    private static final String NUMERALS = "〇○零一二三四五六七八九十廿卅";
    private static final String DIGIT_NUMERALS = "〇○零一二三四五六七八九";

    private static boolean isNumber(String line, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = line.charAt(i);
            if (!Character.isDigit(c) && NUMERALS.indexOf(c) < 0) return false;
        }
        return end > start;
    }

    /** Four digits, or Chinese numerals written digit by digit (一九九八, 二〇〇〇). */
    private static boolean isYear(String line, int start, int end) {
        if (end - start != 4) return false;
        boolean arabic = true, spelled = true;
        for (int i = start; i < end; i++) {
            char c = line.charAt(i);
            arabic &= Character.isDigit(c);
            spelled &= DIGIT_NUMERALS.indexOf(c) >= 0;
        }
        return arabic || spelled;
    }

    private static void splitMarks(String line, int start, int end, List<int[]> out) {
        int pieceStart = start;
        for (int i = start; i < end; ) {
            int c = line.codePointAt(i);
            int n = Character.charCount(c);
            if (end - start > n && isMark(c) && !belongsToNumber(line, start, end, i, c)) {
                if (i > pieceStart) out.add(new int[] {pieceStart, i});
                int runEnd = i + n; // a repeated mark (——, ……) is one word
                while (runEnd < end && line.codePointAt(runEnd) == c) runEnd += n;
                out.add(new int[] {i, runEnd});
                pieceStart = runEnd;
                i = runEnd;
                continue;
            }
            i += n;
        }
        if (pieceStart < end) out.add(new int[] {pieceStart, end});
    }

    private static boolean isMark(int c) {
        return switch (Character.getType(c)) {
            case Character.OTHER_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
                 Character.DASH_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                 Character.CONNECTOR_PUNCTUATION, Character.MATH_SYMBOL, Character.OTHER_SYMBOL ->
                    // dots join names (艾瑞克‧孔恩), numbers and abbreviations (1., U.S.); ○ is written for zero (二○○○年)
                    ".．﹒·・•‧○".indexOf(c) < 0;
            default -> false;
        };
    }

    private static boolean belongsToNumber(String line, int start, int end, int at, int c) {
        boolean digitBefore = at > start && isDigit(line.codePointBefore(at));
        int after = at + Character.charCount(c);
        boolean digitAfter = after < end && isDigit(line.codePointAt(after));
        return switch (c) {
            case ',', '，', ':', '：', '﹕', '∶', '/', '／' -> digitBefore && digitAfter;
            case '%', '％', '‰' -> digitBefore;
            default -> false;
        };
    }

    private static boolean isDigit(int c) {
        return Character.isDigit(c);
    }
}
