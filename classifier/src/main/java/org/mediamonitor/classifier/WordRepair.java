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
 * (1,000, 10:30, 5/10), a minus sign before one (−5) and the percent sign after one (五％). A repeated
 * mark (——, ……) stays one word, and a number glued to the word before it (小雨2) is split off. A
 * date's parts become words of their own (1998年 7月 3日, and Taiwan's 八十四年 before a month), and so
 * do the hour and minutes of a time (8时 30分). A name written with a middle dot (约翰·甘迺迪) is one
 * word. Pieces that spell a name of {@code names-zh.txt} (Taiwan's places, offices, parties and
 * people, and names that news about Taiwan often holds) are joined into one word; no word is ever split
 * for a name.
 */
final class WordRepair {
    private static final int LONGEST_NAME = 8;
    private final Set<String> names = loadNames();

    List<int[]> repair(String line, List<int[]> spans) {
        List<int[]> out = new ArrayList<>(spans.size() + 4);
        for (int[] span : spans) splitMarks(line, span[0], span[1], out);
        out = splitNumbersFromWords(line, out);
        out = joinNumbers(line, out);
        out = joinDates(line, out);
        out = joinDottedNames(line, out);
        return joinNames(line, out);
    }

    /**
     * A number glued to the word before it (小雨2, 图片1) is a word of its own: no standard writes a
     * word and a count as one. An ordinal (第2) and a number written partly in numerals (二０００,
     * 7亿2千万) keep their digits.
     */
    private static List<int[]> splitNumbersFromWords(String line, List<int[]> spans) {
        List<int[]> out = new ArrayList<>(spans.size());
        for (int[] span : spans) {
            int from = span[0];
            for (int i = span[0] + 1; i < span[1]; i++) {
                char before = line.charAt(i - 1);
                if (isDigit(line.charAt(i)) && isHan(before)
                        && NUMERALS.indexOf(before) < 0 && "第百千万亿点".indexOf(before) < 0) {
                    out.add(new int[] {from, i});
                    from = i;
                }
            }
            out.add(from == span[0] ? span : new int[] {from, span[1]});
        }
        return out;
    }

    /**
     * A minus sign before a number that does not follow another number (−5, not 3−5) and a percent
     * sign after a number (五％, 18.3％) belong to the number, as the percent sign already does when the
     * model leaves it glued.
     */
    private static List<int[]> joinNumbers(String line, List<int[]> spans) {
        List<int[]> out = new ArrayList<>(spans.size());
        for (int i = 0; i < spans.size(); i++) {
            int[] span = spans.get(i);
            if (i + 1 < spans.size() && span[1] - span[0] == 1 && MINUS.indexOf(line.charAt(span[0])) >= 0
                    && spans.get(i + 1)[0] == span[1] && isDigit(line.charAt(span[1]))
                    && (span[0] == 0 || !isDigit(line.charAt(span[0] - 1)) && !isLatin(line.charAt(span[0] - 1)))) {
                int[] next = spans.get(++i);
                out.add(new int[] {span[0], next[1]});
                continue;
            }
            if (!out.isEmpty() && span[1] - span[0] == 1 && PERCENT.indexOf(line.charAt(span[0])) >= 0
                    && out.getLast()[1] == span[0] && isNumber(line, out.getLast()[0], out.getLast()[1])) {
                out.getLast()[1] = span[1];
                continue;
            }
            out.add(span);
        }
        return out;
    }

    private static final String MINUS = "-－−﹣";
    private static final String PERCENT = "%％‰";
    private static final String DOTS = "·‧•・";

    /**
     * A name written with a middle dot (约翰·甘迺迪, 瓦歷斯‧尤幹) is one word, as every standard writes
     * foreign and indigenous names. The pieces on both sides of the dot must hold a character that
     * transliterations use, so that a dot between ordinary words (歌剧‧圣乐) is left alone; a short
     * piece of transliteration next to the name (戴维·米拉 克) is taken in as well.
     */
    private static List<int[]> joinDottedNames(String line, List<int[]> spans) {
        List<int[]> out = new ArrayList<>(spans.size());
        for (int i = 0; i < spans.size(); i++) {
            int first = i;
            int last = i;
            // grow over "piece dot piece dot piece", the dots alone or glued to a piece
            while (true) {
                int end = spans.get(last)[1];
                boolean dotAtEnd = DOTS.indexOf(line.charAt(end - 1)) >= 0;
                if (dotAtEnd && end - spans.get(last)[0] > 1 && last + 1 < spans.size() && spans.get(last + 1)[0] == end
                        && isTransliteration(line, spans.get(last)) && isTransliteration(line, spans.get(last + 1))) {
                    last++;
                } else if (last + 2 < spans.size() && isLoneDot(line, spans.get(last + 1)) && spans.get(last + 1)[0] == end
                        && spans.get(last + 2)[0] == spans.get(last + 1)[1]
                        && isTransliteration(line, spans.get(last)) && isTransliteration(line, spans.get(last + 2))) {
                    last += 2;
                } else if (last + 1 < spans.size() && spans.get(last + 1)[0] == end && DOTS.indexOf(line.charAt(end)) >= 0
                        && spans.get(last + 1)[1] - end > 1 && isTransliteration(line, spans.get(last))) {
                    last++;
                } else {
                    break;
                }
            }
            boolean dotted = last > first || hasInnerDot(line, spans.get(first)) && isTransliteration(line, spans.get(first));
            if (!dotted) {
                out.add(spans.get(i));
                continue;
            }
            int start = spans.get(first)[0];
            if (!out.isEmpty() && out.getLast()[1] == start && isShortTransliteration(line, out.getLast())) {
                start = out.removeLast()[0];
            }
            if (last + 1 < spans.size() && spans.get(last + 1)[0] == spans.get(last)[1]
                    && isShortTransliteration(line, spans.get(last + 1))) {
                last++;
            }
            out.add(new int[] {start, spans.get(last)[1]});
            i = last;
        }
        return out;
    }

    private static boolean isLoneDot(String line, int[] span) {
        return span[1] - span[0] == 1 && DOTS.indexOf(line.charAt(span[0])) >= 0;
    }

    private static boolean hasInnerDot(String line, int[] span) {
        for (int i = span[0] + 1; i < span[1] - 1; i++) if (DOTS.indexOf(line.charAt(i)) >= 0) return true;
        return false;
    }

    /** Han characters (and dots) only, at least one of them a character that transliterations use. */
    private static boolean isTransliteration(String line, int[] span) {
        boolean phonetic = false;
        for (int i = span[0]; i < span[1]; i++) {
            char c = line.charAt(i);
            if (DOTS.indexOf(c) >= 0) continue;
            if (!isHan(c)) return false;
            phonetic |= TRANSLITERATION.indexOf(c) >= 0;
        }
        return phonetic;
    }

    /** One or two Han characters, all of them characters that transliterations use (甫, 福尔). */
    private static boolean isShortTransliteration(String line, int[] span) {
        if (span[1] - span[0] > 2) return false;
        for (int i = span[0]; i < span[1]; i++) if (TRANSLITERATION.indexOf(line.charAt(i)) < 0) return false;
        return true;
    }

    /** Characters that Chinese transliterations of foreign and indigenous names are written with (Simplified). */
    private static final String TRANSLITERATION =
            "阿埃艾爱安昂奥澳巴拜班邦鲍贝本比彼毕宾波伯勃博布查达戴丹道德登迪蒂丁东杜顿多厄恩尔法凡范菲费芬丰"
            + "佛弗福夫甫盖甘冈高戈格贡古圭哈海罕汉豪赫亨洪胡华怀霍基吉加贾杰捷金卡凯坎康考柯科克肯库夸奎拉"
            + "莱赖兰朗劳勒雷蕾里利莉丽连林琳卢鲁伦罗洛玛马迈麦曼梅蒙米密明莫默姆穆纳娜乃奈南内尼涅宁纽努诺"
            + "欧帕潘佩彭皮珀普奇齐乔切钦琼丘萨塞桑瑟森沙莎尚舍什施史斯松苏索塔泰坦汤唐特提托图瓦万旺威韦维"
            + "温沃乌伍西希锡夏谢辛休雅亚扬耶伊因英尤约扎泽詹哲朱卓兹佐买热尤江提甫拔玛匹";

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
        for (String name : names()) {
            if (name.length() <= LONGEST_NAME) names.add(ChineseScript.fold(name));
        }
        return Set.copyOf(names);
    }

    /** The names of names-zh.txt as written there, in either script. */
    static List<String> names() {
        List<String> names = new ArrayList<>();
        try (InputStream in = WordRepair.class.getResourceAsStream("names-zh.txt")) {
            if (in == null) throw new IllegalStateException("names-zh.txt is missing from the classpath");
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                String name = line.strip();
                if (!name.isEmpty() && !name.startsWith("#")) names.add(name);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    /**
     * A year written in digits and 年 (1998年, 一九九八年), a month (7月, 十二月) and a day after a month
     * (7月 3日) make one word each, and so do the hour of a clock time and its minutes (8时 30分). A
     * count of years (五 年, 30 年) and a bare day number stay apart: the standards disagree on those.
     */
    private static List<int[]> joinDates(String line, List<int[]> spans) {
        List<int[]> out = new ArrayList<>(spans.size());
        for (int k = 0; k < spans.size(); k++) {
            int[] span = spans.get(k);
            if (!out.isEmpty() && span[1] - span[0] == 1) {
                int[] last = out.getLast();
                char unit = line.charAt(span[0]);
                boolean join = last[1] == span[0] && switch (unit) {
                    case '年' -> isYear(line, last[0], last[1]) || isRepublicYear(line, out, spans, k);
                    case '月' -> isWholeNumber(line, last[0], last[1]) && last[1] - last[0] <= 2;
                    case '日', '号' -> isWholeNumber(line, last[0], last[1]) && last[1] - last[0] <= 3
                            && out.size() >= 2 && line.charAt(out.get(out.size() - 2)[1] - 1) == '月'
                            && out.get(out.size() - 2)[1] == last[0];
                    case '时', '時' -> isWholeNumber(line, last[0], last[1]) && last[1] - last[0] <= 2;
                    case '分' -> isWholeNumber(line, last[0], last[1]) && last[1] - last[0] <= 2
                            && out.size() >= 2 && "时時".indexOf(line.charAt(out.get(out.size() - 2)[1] - 1)) >= 0
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

    /**
     * A year of the Republic of China, as Taiwan dates (八十四年 for 1995): a number in numerals before
     * 年 that 民国 precedes or a month follows (八十四 年 三月). Without either it may be a count of years.
     */
    private static boolean isRepublicYear(String line, List<int[]> out, List<int[]> spans, int unitAt) {
        int[] number = out.getLast();
        if (number[1] - number[0] > 4 || !isWholeNumber(line, number[0], number[1])) return false;
        if (out.size() >= 2 && out.get(out.size() - 2)[1] == number[0] && line.startsWith("民国", number[0] - 2)) return true;
        int[] unit = spans.get(unitAt);
        // one numeral and a month is more often a span of time (一年一月) than a year of the 1910s
        if (number[1] - number[0] < 2 || unitAt + 1 >= spans.size() || spans.get(unitAt + 1)[0] != unit[1]) return false;
        int[] next = spans.get(unitAt + 1);
        // the month glued to its number (三月) or apart (三 月)
        if (line.charAt(next[1] - 1) == '月' && next[1] - next[0] >= 2) return isWholeNumber(line, next[0], next[1] - 1);
        return unitAt + 2 < spans.size() && isWholeNumber(line, next[0], next[1]) && next[1] - next[0] <= 2
                && spans.get(unitAt + 2)[0] == next[1] && line.charAt(next[1]) == '月'
                && spans.get(unitAt + 2)[1] == next[1] + 1;
    }

    private static final String NUMERALS = "〇○零一二三四五六七八九十廿卅";
    private static final String DIGIT_NUMERALS = "〇○零一二三四五六七八九";

    private static boolean isNumber(String line, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = line.charAt(i);
            boolean decimalPoint = i > start && i < end - 1 && ".．‧点".indexOf(c) >= 0;
            if (!Character.isDigit(c) && NUMERALS.indexOf(c) < 0 && !decimalPoint) return false;
        }
        return end > start;
    }

    /** Only digits or numerals, no decimal point. */
    private static boolean isWholeNumber(String line, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = line.charAt(i);
            if (!Character.isDigit(c) && NUMERALS.indexOf(c) < 0) return false;
        }
        return end > start;
    }

    /** A Latin letter, half- or full-width: before a minus sign it makes a code (F-16), not a negative number. */
    private static boolean isLatin(char c) {
        return Character.isLetter(c) && Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN;
    }

    private static boolean isHan(char c) {
        return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
    }

    /** Four digits or Chinese numerals written digit by digit (1998, 一九九八, 二〇〇〇, 二００一). */
    private static boolean isYear(String line, int start, int end) {
        if (end - start != 4) return false;
        for (int i = start; i < end; i++) {
            char c = line.charAt(i);
            if (!Character.isDigit(c) && DIGIT_NUMERALS.indexOf(c) < 0) return false;
        }
        return true;
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
