package org.mediamonitor.crawler;

import com.ibm.icu.text.CharsetDetector;
import com.ibm.icu.text.CharsetMatch;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides how the bytes of a page are decoded: the HTTP header's charset, then a byte-order mark, then
 * the page's own {@code <meta>} or XML declaration, then (for undeclared pages) UTF-8 when the bytes are
 * valid UTF-8, else ICU's statistical detection, which tells Big5, GB18030, Shift_JIS and EUC apart.
 */
final class PageCharset {
    private static final Pattern HEADER = Pattern.compile("charset\\s*=\\s*[\"']?([\\w.:-]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern DECLARED = Pattern.compile(
            "<meta[^>]+charset\\s*=\\s*[\"']?\\s*([\\w.:-]+)|<\\?xml[^>]+encoding\\s*=\\s*[\"']([\\w.:-]+)",
            Pattern.CASE_INSENSITIVE);
    /** How far into the page a declaration is looked for; browsers look at the first 1024 bytes, pages err. */
    private static final int PRESCAN = 8192;

    private PageCharset() {
    }

    static Charset of(byte[] html, String contentType) {
        if (contentType != null) {
            Matcher m = HEADER.matcher(contentType);
            if (m.find()) {
                Charset header = named(m.group(1));
                if (header != null) return header;
            }
        }
        Charset bom = byteOrderMark(html);
        if (bom != null) return bom;
        String head = new String(html, 0, Math.min(html.length, PRESCAN), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        // an indexOf finds the few candidates; the pattern only checks them (it is slow over a whole head)
        for (int at = head.indexOf("charset"); at >= 0; at = head.indexOf("charset", at + 7)) {
            int tag = Math.max(head.lastIndexOf("<meta", at), head.lastIndexOf("<?xml", at));
            if (tag < 0 || head.lastIndexOf('>', at) > tag) continue;
            Matcher m = DECLARED.matcher(head).region(tag, Math.min(head.length(), at + 80));
            if (!m.lookingAt()) continue;
            Charset declared = named(m.group(1) != null ? m.group(1) : m.group(2));
            // a page saved as UTF-8 may still declare UTF-16; the HTML standard reads that as UTF-8
            if (declared != null) return declared.name().startsWith("UTF-16") ? StandardCharsets.UTF_8 : declared;
        }
        int xml = head.indexOf("<?xml");
        if (xml >= 0 && xml < 100) {
            Matcher m = DECLARED.matcher(head).region(xml, Math.min(head.length(), xml + 200));
            if (m.lookingAt() && m.group(2) != null && named(m.group(2)) != null) return named(m.group(2));
        }
        if (validUtf8(html)) return StandardCharsets.UTF_8;
        return detected(html);
    }

    /** The charset for a label, with the supersets browsers use for labels that pages misuse. */
    static Charset named(String label) {
        String name = label.strip().toLowerCase(Locale.ROOT);
        switch (name) {
            case "gb2312", "gbk", "x-gbk", "gb_2312-80", "chinese", "csgb2312", "euc-cn" -> name = "GB18030";
            case "big5", "big5-hkscs", "x-x-big5", "cn-big5", "csbig5" -> name = "Big5-HKSCS";
            case "iso-8859-1", "latin1", "us-ascii", "ascii", "l1" -> name = "windows-1252";
            case "shift_jis", "sjis", "x-sjis", "ms_kanji", "windows-31j" -> name = "windows-31j";
            case "utf8" -> name = "UTF-8";
            default -> {
            }
        }
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return null; // unknown or unsupported label: the next source decides
        }
    }

    private static Charset byteOrderMark(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) return StandardCharsets.UTF_8;
        if (b.length >= 2 && (b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF) return StandardCharsets.UTF_16BE;
        if (b.length >= 2 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE) return StandardCharsets.UTF_16LE;
        return null;
    }

    /** True when every multi-byte sequence is well-formed UTF-8 (pure ASCII included). */
    static boolean validUtf8(byte[] b) {
        int i = 0;
        while (i < b.length) {
            int c = b[i] & 0xff;
            if (c < 0x80) {
                i++;
                continue;
            }
            int more;
            if (c >= 0xC2 && c <= 0xDF) more = 1;
            else if (c >= 0xE0 && c <= 0xEF) more = 2;
            else if (c >= 0xF0 && c <= 0xF4) more = 3;
            else return false;
            if (i + more >= b.length) return true; // cut off inside the last character: still UTF-8
            for (int k = 1; k <= more; k++) if ((b[i + k] & 0xC0) != 0x80) return false;
            i += more + 1;
        }
        return true;
    }

    private static Charset detected(byte[] html) {
        CharsetDetector detector = new CharsetDetector();
        detector.enableInputFilter(true); // look at text, not at the markup
        detector.setText(html);
        CharsetMatch[] matches = detector.detectAll();
        for (CharsetMatch match : matches) {
            Charset charset = named(match.getName());
            if (charset != null) return charset;
        }
        return StandardCharsets.UTF_8;
    }
}
