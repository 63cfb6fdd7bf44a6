package org.mediamonitor.classifier;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The lexicon files as they ship. */
class LexiconTest {
    @Test
    void everyWordOfWrongdoingOrOppositionHasAScore() {
        // a word listed only in modifiers.tsv is never found in a sentence, so its reading never acts
        for (String language : List.of("en", "zh")) {
            Lexicon lexicon = Lexicon.load(language);
            Set<String> unscored = new TreeSet<>();
            for (Set<String> kind : List.of(lexicon.misconduct, lexicon.oppositions)) {
                for (String word : kind) if (!lexicon.sentiment.containsKey(word)) unscored.add(word);
            }
            assertEquals(Set.of(), unscored, language + ": listed as wrongdoing or opposition without a score");
        }
    }

    @Test
    void wrongdoingIsNegative() {
        for (String language : List.of("en", "zh")) {
            Lexicon lexicon = Lexicon.load(language);
            for (String word : lexicon.misconduct) {
                Lexicon.Entry entry = lexicon.sentiment.get(word);
                if (entry != null) assertTrue(entry.score() < 0, language + " " + word + " " + entry);
            }
        }
    }
}
