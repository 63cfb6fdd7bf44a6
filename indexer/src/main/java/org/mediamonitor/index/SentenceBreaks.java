package org.mediamonitor.index;

import java.text.BreakIterator;
import java.text.CharacterIterator;
import java.text.StringCharacterIterator;
import java.util.Arrays;
import java.util.Map;

/**
 * Sentence boundaries for snippets, found in one pass over the text: after a line break; after a full
 * stop, question or exclamation mark (and the quotes or brackets that close it) followed by space and
 * then not by a lower-case letter ("U.S. officials" stays one sentence); after the full-width 。！？；
 * at once. A boundary sits where the next sentence starts, after the space.
 *
 * <p>The JDK's rule-based sentence iterator walks the text through a {@code CharacterIterator} a
 * character at a time and took a third of a search's time in the highlighter; news text needs only
 * these rules. Not thread-safe, like every {@link BreakIterator}: one per highlighting call.
 */
final class SentenceBreaks extends BreakIterator {
    private final Map<String, int[]> known;
    private String text = "";
    /** The boundaries in order: 0 first, the text's length last. */
    private int[] breaks = {0};
    private int count = 1;
    private int at;

    /** No boundaries known beforehand: each text is read when it is set. */
    SentenceBreaks() {
        this(Map.of());
    }

    /**
     * @param known boundaries already found ({@link #of}) for the very text instances that may be set,
     *              so that a text shown again is not read again
     */
    SentenceBreaks(Map<String, int[]> known) {
        this.known = known;
    }

    @Override
    public void setText(String newText) {
        text = newText;
        int[] found = known.get(newText);
        breaks = found != null ? found : of(newText);
        count = breaks.length;
        at = 0;
    }

    /** The boundaries of {@code text} in order: 0 first, the text's length last (one 0 for an empty text). */
    static int[] of(String text) {
        Builder b = new Builder(text);
        b.add(0);
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                if (i + 1 < n) b.add(i + 1);
            } else if (c == '。' || c == '！' || c == '？' || c == '；') {
                int end = b.skipSpace(b.skipClosers(i + 1));
                if (end < n && text.charAt(end) != '\n') b.add(end);
                i = end - 1;
            } else if (c == '.' || c == '!' || c == '?' || c == '…') {
                int closed = b.skipClosers(i + 1);
                while (closed < n && (text.charAt(closed) == '.' || text.charAt(closed) == '!' || text.charAt(closed) == '?')) closed++;
                if (closed >= n || !Character.isWhitespace(text.charAt(closed))) continue;
                int next = b.skipSpace(closed);
                if (next < n && text.charAt(next) != '\n' && !Character.isLowerCase(text.charAt(next))) b.add(next);
                i = next - 1;
            }
        }
        b.add(n);
        return Arrays.copyOf(b.breaks, b.count);
    }

    private static final class Builder {
        private final String text;
        private int[] breaks = new int[16];
        private int count;

        Builder(String text) {
            this.text = text;
        }

        int skipClosers(int i) {
            while (i < text.length() && "\"'”’)）」』]".indexOf(text.charAt(i)) >= 0) i++;
            return i;
        }

        int skipSpace(int i) {
            while (i < text.length() && text.charAt(i) != '\n' && Character.isWhitespace(text.charAt(i))) i++;
            return i;
        }

        void add(int boundary) {
            if (count > 0 && breaks[count - 1] >= boundary) return;
            if (count == breaks.length) breaks = Arrays.copyOf(breaks, count * 2);
            breaks[count++] = boundary;
        }
    }

    @Override
    public void setText(CharacterIterator newText) {
        StringBuilder copy = new StringBuilder(Math.max(0, newText.getEndIndex() - newText.getBeginIndex()));
        for (char c = newText.first(); c != CharacterIterator.DONE; c = newText.next()) copy.append(c);
        setText(copy.toString());
    }

    @Override
    public CharacterIterator getText() {
        return new StringCharacterIterator(text);
    }

    @Override
    public int first() {
        at = 0;
        return breaks[0];
    }

    @Override
    public int last() {
        at = count - 1;
        return breaks[at];
    }

    @Override
    public int next(int n) {
        int to = at + n;
        if (to < 0 || to >= count) {
            at = to < 0 ? 0 : count - 1;
            return DONE;
        }
        at = to;
        return breaks[at];
    }

    @Override
    public int next() {
        return next(1);
    }

    @Override
    public int previous() {
        return next(-1);
    }

    @Override
    public int current() {
        return breaks[at];
    }

    /** The first boundary after {@code offset}, or DONE (and the iterator at the last boundary). */
    @Override
    public int following(int offset) {
        checkOffset(offset);
        int i = Arrays.binarySearch(breaks, 0, count, offset);
        i = i >= 0 ? i + 1 : -i - 1;
        if (i >= count) {
            at = count - 1;
            return DONE;
        }
        at = i;
        return breaks[at];
    }

    /** The last boundary before {@code offset}, or DONE (and the iterator at the first boundary). */
    @Override
    public int preceding(int offset) {
        checkOffset(offset);
        int i = Arrays.binarySearch(breaks, 0, count, offset);
        i = i >= 0 ? i - 1 : -i - 2;
        if (i < 0) {
            at = 0;
            return DONE;
        }
        at = i;
        return breaks[at];
    }

    @Override
    public boolean isBoundary(int offset) {
        checkOffset(offset);
        int i = Arrays.binarySearch(breaks, 0, count, offset);
        if (i >= 0) at = i;
        else following(offset);
        return i >= 0;
    }

    private void checkOffset(int offset) {
        if (offset < 0 || offset > text.length()) {
            throw new IllegalArgumentException("offset " + offset + " is outside the text of " + text.length() + " chars");
        }
    }
}
