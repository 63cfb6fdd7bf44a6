package org.mediamonitor.classifier;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Terms that name the same thing differently on the two sides of the Taiwan Strait: 台湾当局 and
 * 臺灣政府, 大陆 and 中國大陸, 陆委会 and 大陸委員會, 软件 and 軟體. Search uses the groups as
 * synonyms and the classifier can ask which concept a word names. Terms are matched after
 * {@link ChineseScript#fold folding}, so a group need not list each script's spelling.
 */
public final class CrossStraitTerms {
    /**
     * One concept.
     *
     * @param name      a stable name for the concept, such as {@code mainland-affairs-council}
     * @param canonical the folded form of the group's first term, which stands for the group
     * @param terms     every term of the group, as written in the list
     */
    public record Group(String name, String canonical, List<String> terms) {
    }

    /**
     * A term found in a text.
     *
     * @param group the concept it names
     * @param start offset of its first char in the text
     * @param end   offset after its last char
     */
    public record Match(Group group, int start, int end) {
    }

    private static final CrossStraitTerms SHARED = load();

    private final Map<String, Group> byFoldedTerm;
    private final List<Group> groups;
    private final int longestTerm;

    private CrossStraitTerms(List<Group> groups) {
        this.groups = List.copyOf(groups);
        Map<String, Group> index = new HashMap<>();
        int longest = 0;
        for (Group group : groups) {
            for (String term : group.terms()) {
                String folded = ChineseScript.fold(term);
                Group before = index.putIfAbsent(folded, group);
                if (before != null && before != group) {
                    throw new IllegalStateException("cross-strait-terms.tsv: " + term + " is in " + before.name() + " and " + group.name());
                }
                longest = Math.max(longest, folded.length());
            }
        }
        this.byFoldedTerm = Map.copyOf(index);
        this.longestTerm = longest;
    }

    /** The list shipped with Media Monitor. */
    public static CrossStraitTerms shared() {
        return SHARED;
    }

    /** Every group, in the order of the list. */
    public List<Group> groups() {
        return groups;
    }

    /** The group that holds {@code term} (in either script), if any. */
    public Optional<Group> groupOf(String term) {
        return Optional.ofNullable(byFoldedTerm.get(ChineseScript.fold(term.strip())));
    }

    /** Length in chars of the longest term, folded. */
    public int longestTerm() {
        return longestTerm;
    }

    /**
     * The terms in {@code text}, left to right, the longest where several start together, not
     * overlapping, each found only
     * where it starts and ends at one of the given boundaries (word boundaries, so that 中国 is not
     * found inside 中国人 when the segmenter made that one word). {@code boundaries[i]} says whether
     * a word starts or ends before char {@code i}; its length is {@code text.length() + 1}.
     */
    public List<Match> find(String text, boolean[] boundaries) {
        String folded = ChineseScript.fold(text);
        List<Match> found = new ArrayList<>();
        for (int start = 0; start < folded.length(); start++) {
            if (!boundaries[start]) continue;
            for (int end = Math.min(folded.length(), start + longestTerm); end >= start + 2; end--) {
                if (!boundaries[end]) continue;
                Group group = byFoldedTerm.get(folded.substring(start, end));
                if (group != null) {
                    found.add(new Match(group, start, end));
                    start = end - 1; // matches do not overlap
                    break;
                }
            }
        }
        return found;
    }

    private static CrossStraitTerms load() {
        Map<String, Group> groups = new LinkedHashMap<>();
        try (InputStream in = CrossStraitTerms.class.getResourceAsStream("cross-strait-terms.tsv")) {
            if (in == null) throw new IllegalStateException("cross-strait-terms.tsv is missing from the classpath");
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] parts = line.split("\t");
                if (parts.length != 2) throw new IllegalStateException("cross-strait-terms.tsv: bad line: " + line);
                List<String> terms = new ArrayList<>();
                for (String term : parts[1].split(",")) {
                    if (!term.isBlank()) terms.add(term.strip());
                }
                if (terms.size() < 2) throw new IllegalStateException("cross-strait-terms.tsv: a group needs two terms: " + line);
                groups.put(parts[0], new Group(parts[0], ChineseScript.fold(terms.getFirst()), List.copyOf(terms)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new CrossStraitTerms(new ArrayList<>(groups.values()));
    }
}
