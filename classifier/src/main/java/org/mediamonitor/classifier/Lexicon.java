package org.mediamonitor.classifier;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The words that carry evaluations in political news, with their modifiers and the names of the
 * target, for one language. English terms are kept lower case; Chinese ones in Simplified script.
 * Multi-word entries are stored as space-separated token sequences.
 */
final class Lexicon {
    record Entry(double score, String category) {
    }

    final String language;
    final Map<String, Entry> sentiment = new HashMap<>();
    final Set<String> negations = new HashSet<>();
    final Map<String, Double> degrees = new HashMap<>();
    final Map<String, Double> contrasts = new HashMap<>();
    final Set<String> reporting = new HashSet<>();
    /** Words that refute what follows ("rejected the accusation", 驳斥指控): they turn criticism into defence. */
    final Set<String> rejections = new HashSet<>();
    /** Verbs of condemning and opposing ("condemn", 反对): aimed at threats, they defend the threatened. */
    final Set<String> oppositions = new HashSet<>();
    /** Verbs of wrongdoing ("smeared", 抹黑): they judge the one who does them, not the one they are done to. */
    final Set<String> misconduct = new HashSet<>();
    /** Verbs that take away what they govern ("lost the trust", "squandered goodwill", 丧失信誉): favour they govern is lost. */
    final Set<String> losses = new HashSet<>();
    /**
     * Words of absence and inability (没有, 无法, 未能) and their weight in the text's own tone where they deny no
     * evaluative word: what is missing or fails is a faint complaint ("没有热水", "无法激活").
     */
    final Map<String, Double> absences = new HashMap<>();
    /** Words that make a question rhetorical (难道, 岂): it asserts the opposite of what it asks. */
    final Set<String> rhetorical = new HashSet<>();
    /** How a paragraph of page furniture opens ("read more", 延伸阅读, 免责声明): links, adverts, disclaimers. */
    final List<String> furniture = new ArrayList<>();
    final List<String> targetNames = new ArrayList<>();
    final List<String> passingContexts = new ArrayList<>();
    /** Others who act and speak in news about the target (China, Washington, 中共, 国民党): whose words are about them. */
    final List<String> actorNames = new ArrayList<>();
    /** Words that point back at the target in an item about it ("the government", 当局). */
    final List<String> referenceNames = new ArrayList<>();
    /** Terms of cross-strait politics that speak of the target without naming it (台独, "cross-strait"): for relevance. */
    final List<String> topicTerms = new ArrayList<>();
    /** Names of the target that may name only the place (Taiwan, Taipei, 宝岛), in the form {@link #key} gives. */
    final Set<String> placeNames = new HashSet<>();
    /** Words that show a state, its politics or a society is spoken of (government, tariff, 选举, 民众): for relevance. */
    final List<String> polityTerms = new ArrayList<>();
    private static final int MAX_CHINESE_PHRASE = 6;
    /** Longest entry, in tokens: how far a phrase match looks ahead. */
    int longestPhrase = 1;

    private Lexicon(String language) {
        this.language = language;
    }

    static Lexicon load(String language) {
        Lexicon lexicon = new Lexicon(language);
        for (String[] row : rows("lexicon-" + language + ".tsv", 3)) {
            String term = lexicon.key(row[0]);
            lexicon.sentiment.put(term, new Entry(Double.parseDouble(row[1]), row[2]));
            // a Chinese term may be segmented into as many words as it has characters
            int words = language.equals("en") ? term.split(" ").length : Math.min(MAX_CHINESE_PHRASE, term.length());
            lexicon.longestPhrase = Math.max(lexicon.longestPhrase, words);
        }
        for (String[] row : rows("modifiers.tsv", 4)) {
            if (!row[0].equals(language)) continue;
            String term = lexicon.key(row[2]);
            switch (row[1]) {
                case "negation" -> lexicon.negations.add(term);
                case "degree" -> lexicon.degrees.put(term, Double.parseDouble(row[3]));
                case "contrast" -> lexicon.contrasts.put(term, Double.parseDouble(row[3]));
                case "reporting" -> lexicon.reporting.add(term);
                case "rejection" -> lexicon.rejections.add(term);
                case "opposition" -> lexicon.oppositions.add(term);
                case "misconduct" -> lexicon.misconduct.add(term);
                case "loss" -> lexicon.losses.add(term);
                case "absence" -> lexicon.absences.put(term, Double.parseDouble(row[3]));
                case "rhetorical" -> lexicon.rhetorical.add(term);
                case "furniture" -> lexicon.furniture.add(term);
                default -> { /* kinds this version does not use */ }
            }
        }
        for (String[] row : rows("targets.tsv", 3)) {
            if (!row[0].equals(language)) continue;
            if (row[1].equals("name")) lexicon.targetNames.add(row[2].strip());
            else if (row[1].equals("passing")) lexicon.passingContexts.add(row[2].strip());
            else if (row[1].equals("actor")) lexicon.actorNames.add(row[2].strip());
            else if (row[1].equals("reference")) lexicon.referenceNames.add(row[2].strip());
            else if (row[1].equals("topic")) lexicon.topicTerms.add(row[2].strip());
            else if (row[1].equals("place")) lexicon.placeNames.add(lexicon.key(row[2]));
            else if (row[1].equals("polity")) lexicon.polityTerms.add(row[2].strip());
        }
        return lexicon;
    }

    /** The form a term is looked up in: lower case for English, as written (Simplified) for Chinese. */
    String key(String term) {
        String t = term.strip().replaceAll("\\s+", " ");
        return language.equals("en") ? t.toLowerCase(Locale.ROOT) : t;
    }

    private static List<String[]> rows(String resource, int columns) {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = Lexicon.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing classifier resource " + resource);
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            int number = 0;
            for (String line; (line = reader.readLine()) != null; ) {
                number++;
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] row = line.split("\t");
                if (row.length < columns) {
                    throw new IllegalStateException(resource + " line " + number + ": expected " + columns + " columns");
                }
                rows.add(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + resource, e);
        }
        return rows;
    }
}
