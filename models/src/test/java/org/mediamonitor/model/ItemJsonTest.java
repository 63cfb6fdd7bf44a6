package org.mediamonitor.model;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ItemJsonTest {
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void itemWithClassificationSurvivesJsonRoundTrip() throws Exception {
        var evidence = new Evidence("Washington reaffirmed its rock-solid support for Taiwan.", "positive", 2.5,
                List.of("rock-solid support"), 0);
        var verdict = new Classification(true, Label.POSITIVE, 0.86, List.of(evidence), "model:lexicon-1",
                Instant.parse("2018-03-23T02:05:00Z"));
        var item = new Item(Item.idFor("https://example.org/a"), "https://example.org/a", "herald", "Title", "Body",
                Instant.parse("2018-03-23T02:00:00Z"), "A. Writer", "en", Instant.parse("2018-03-23T03:00:00Z"),
                verdict, null);

        String text = json.writeValueAsString(item);
        assertTrue(text.contains("\"label\":\"positive\""), text);
        assertTrue(text.contains("\"published\":\"2018-03-23T02:00:00Z\""), text);
        assertEquals(item, json.readValue(text, Item.class));
    }

    @Test
    void labelParsesEitherCaseAndRejectsOthersByName() {
        assertEquals(Label.NEGATIVE, Label.parse("Negative"));
        var error = assertThrows(IllegalArgumentException.class, () -> Label.parse("good"));
        assertTrue(error.getMessage().contains("positive, balanced or negative"));
    }

    @Test
    void notRelevantItemsCarryNoLabelAndRelevantOnesNeedOne() {
        assertNull(new Classification(false, Label.NEGATIVE, 0.9, null, "model:x", null).label());
        assertThrows(IllegalArgumentException.class, () -> new Classification(true, null, 0.5, null, "model:x", null));
    }

    @Test
    void idDependsOnlyOnTheUrlAndClusterDefaultsToIt() {
        assertEquals(Item.idFor("https://a/b"), Item.idFor("https://a/b"));
        assertNotEquals(Item.idFor("https://a/b"), Item.idFor("https://a/c"));
        var item = new Item("abc", "https://a/b", "s", null, null, null, null, "en", null, null, null);
        assertEquals("abc", item.cluster());
        assertEquals("", item.title());
    }

    @Test
    void sourceWithSitemapsAndScheduleSurvivesJsonRoundTrip() throws Exception {
        var source = new Source("reuters", "Reuters", null, "en", "GB", SourceKind.WIRE, false, true,
                List.of("https://www.reuters.com/sitemap.xml"), java.time.Duration.ofMinutes(30));
        String text = json.writeValueAsString(source);
        assertTrue(text.contains("\"kind\":\"wire\""), text);
        assertEquals(source, json.readValue(text, Source.class));
        assertThrows(IllegalArgumentException.class,
                () -> new Source("empty", null, null, "en", null, null, false, true, List.of(), null));
    }

    @Test
    void sourceKindReadsHyphenatedNames() {
        assertEquals(SourceKind.THINK_TANK, SourceKind.parse("think-tank"));
        assertEquals("think-tank", SourceKind.THINK_TANK.wireName());
    }
}
