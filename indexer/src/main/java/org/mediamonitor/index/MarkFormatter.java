package org.mediamonitor.index;

import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;

/** Formats highlighted passages as HTML-escaped text with the matches in {@code <mark>}, joined by an ellipsis. */
final class MarkFormatter extends PassageFormatter {
    @Override
    public String format(Passage[] passages, String content) {
        StringBuilder out = new StringBuilder(256);
        for (Passage passage : passages) {
            if (!out.isEmpty()) out.append(" … ");
            int pos = passage.getStartOffset();
            int markStart = -1, markEnd = -1;
            for (int i = 0; i < passage.getNumMatches(); i++) {
                int start = passage.getMatchStarts()[i], end = passage.getMatchEnds()[i];
                if (markStart >= 0 && start <= markEnd) { // overlapping character pairs make one mark
                    markEnd = Math.max(markEnd, end);
                    continue;
                }
                if (markStart >= 0) pos = mark(content, pos, markStart, markEnd, out);
                markStart = start;
                markEnd = end;
            }
            if (markStart >= 0) pos = mark(content, pos, markStart, markEnd, out);
            escape(content, pos, passage.getEndOffset(), out);
        }
        return out.toString().strip();
    }

    private static int mark(String content, int pos, int start, int end, StringBuilder out) {
        escape(content, pos, start, out);
        out.append("<mark>");
        escape(content, start, end, out);
        out.append("</mark>");
        return end;
    }

    /** Appends {@code text[from, to)} HTML-escaped: the runs between special characters are copied whole. */
    private static void escape(String text, int from, int to, StringBuilder out) {
        int run = from;
        for (int i = from; i < to; i++) {
            String entity = switch (text.charAt(i)) {
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '&' -> "&amp;";
                case '"' -> "&quot;";
                default -> null;
            };
            if (entity == null) continue;
            out.append(text, run, i).append(entity);
            run = i + 1;
        }
        out.append(text, run, to);
    }
}
