package org.mediamonitor.crawler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BlockNamesTest {
    @Test
    void namesAreReadWordByWord() {
        assertEquals(BlockNames.COMMENTS, BlockNames.of("comment-list", ""));
        assertEquals(BlockNames.COMMENTS, BlockNames.of("", "fbComments"));
        assertEquals(BlockNames.PLAIN, BlockNames.of("news subjective commentary", ""));
        assertEquals(BlockNames.COMMENTS, BlockNames.of("sect sect_commentlinks", ""));
        assertEquals(BlockNames.COMMENTS, BlockNames.of("", "commentarea"));
        assertEquals(BlockNames.PLAIN, BlockNames.of("commentator-name", ""));
        assertEquals(BlockNames.PLAIN, BlockNames.of("commentmeta", ""));
        assertEquals(BlockNames.BOILERPLATE, BlockNames.of("c-related-articles--aside", ""));
        assertEquals(BlockNames.BOILERPLATE, BlockNames.of("entry-meta social-share", ""));
        assertEquals(BlockNames.BOILERPLATE, BlockNames.of("readMore", ""));
        assertEquals(BlockNames.FURNITURE, BlockNames.of("col-4", "rightSidebar"));
        assertEquals(BlockNames.FURNITURE, BlockNames.of("hidden", ""));
    }

    @Test
    void propertiesTaxonomiesAndModifiersDoNotNameTheBlock() {
        assertEquals(BlockNames.PLAIN, BlockNames.of("entry-content no-share", ""));
        assertEquals(BlockNames.PLAIN, BlockNames.of("post has-paywall tag-social-media category-comments", ""));
        assertEquals(BlockNames.PLAIN, BlockNames.of("field field--label-hidden", ""));
        assertEquals(BlockNames.PLAIN, BlockNames.of("o-section o-section--has-ads", ""));
        assertEquals(BlockNames.BOILERPLATE, BlockNames.of("rail rail--trending", ""));
    }
}
