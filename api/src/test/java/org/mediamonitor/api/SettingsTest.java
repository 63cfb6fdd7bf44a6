package org.mediamonitor.api;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.util.List;
import org.mediamonitor.classifier.ChineseSegmenter;
import org.mediamonitor.classifier.Classifier;
import org.mediamonitor.classifier.LabelledItem;
import org.mediamonitor.classifier.TrainedClassifier;
import org.mediamonitor.index.ItemIndex;
import org.mediamonitor.model.Classification;

/** The configuration file: its settings laid over the documented defaults, and bad values refused at start by name. */
class SettingsTest {
    @TempDir
    Path folder;

    private Settings load(String yaml) throws IOException {
        Path file = folder.resolve("media-monitor.yaml");
        Files.writeString(file, yaml);
        return Settings.load(file);
    }

    @Test
    void theIndexSectionSetsTheCommitIntervalAndTheChecksOnStart() throws IOException {
        Settings defaults = Settings.load(null);
        assertEquals(Duration.ofSeconds(30), defaults.index().commitEvery());
        assertEquals(ItemIndex.Options.Check.CHECKSUMS, defaults.index().checks());

        Settings changed = load("index:\n  commit-interval: 2m\n  check: full\nkpi:\n  yearly-target: 1600\n");
        ItemIndex.Options options = changed.index().options(folder.resolve("index"));
        assertEquals(Duration.ofMinutes(2), options.commitInterval());
        assertEquals(ItemIndex.Options.Check.FULL, options.check());
        assertEquals(folder.resolve("state").toAbsolutePath(), options.state().toAbsolutePath());
        assertEquals(1600, changed.kpi().yearlyTarget());
        assertEquals(8080, changed.server().port(), "what the file leaves out keeps its default");
        assertEquals(changed.index(), changed.withPort(9000).withData(folder).index(), "changing other settings keeps these");
    }

    @Test
    void badValuesAreRefusedWithTheSettingsName() {
        IOException check = assertThrows(IOException.class, () -> load("index:\n  check: thorough\n"));
        assertTrue(check.getMessage().contains("index.check"), check.getMessage());
        IOException interval = assertThrows(IOException.class, () -> load("index:\n  commit-interval: soon\n"));
        assertTrue(interval.getMessage().contains("index.commit-interval"), interval.getMessage());
        IOException unknown = assertThrows(IOException.class, () -> load("index:\n  commit-every: 1m\n"));
        assertTrue(unknown.getMessage().contains("commit-every"), unknown.getMessage());
    }

    @Test
    void aLabelModelSavedByTrainLabelsTheServicesItems() throws IOException {
        List<LabelledItem> items = List.of(
                new LabelledItem("p1", "歐洲議員讚揚台灣民主", "歐洲議會議員讚揚台灣的民主成就，支持台灣參與國際組織。", "zh-Hant", null, "positive"),
                new LabelledItem("p2", "日本支持台灣", "日本外相表示堅定支持台灣，肯定台灣防疫的成果。", "zh-Hant", null, "positive"),
                new LabelledItem("p3", "美国赞扬台湾", "美国官员赞扬台湾是可靠的伙伴，支持台湾扩大国际空间。", "zh-Hans", null, "positive"),
                new LabelledItem("n1", "社論批評台灣當局", "社論批評台灣當局施政無能，防疫措施一再失誤。", "zh-Hant", null, "negative"),
                new LabelledItem("n2", "学者谴责台湾当局", "学者谴责台湾当局的挑衅行为，指其政策鲁莽而危险。", "zh-Hans", null, "negative"),
                new LabelledItem("n3", "在野黨痛批台灣政府", "在野黨痛批台灣政府黑箱作業，漠視民意。", "zh-Hant", null, "negative"));
        TrainedClassifier trained = TrainedClassifier.train(ChineseSegmenter.shared(), items, line -> { });
        Path model = folder.resolve("label-model.txt.gz");
        trained.save(model);

        Settings settings = load("classifier:\n  model: " + model + "\n").withData(folder.resolve("data"));
        try (Services services = new Services(settings)) {
            assertEquals(trained.version(), services.classifier.version());
            Classification c = services.classifier.classify(new Classifier.Input("台灣的民主", "各國讚揚台灣的民主。", "zh-Hant", null));
            assertEquals("model:" + trained.version(), c.decidedBy());
        }
        try (Services lexicon = new Services(Settings.load(null).withData(folder.resolve("lexicon")))) {
            assertNotEquals(trained.version(), lexicon.classifier.version(), "without the setting: the built-in lexicon");
        }

        IOException missing = assertThrows(IOException.class, () -> load("classifier:\n  model: " + folder.resolve("none.gz") + "\n"));
        assertTrue(missing.getMessage().contains("classifier.model"), missing.getMessage());
        Path broken = folder.resolve("broken.txt.gz");
        Files.writeString(broken, "not a model");
        Settings unreadable = load("classifier:\n  model: " + broken + "\n").withData(folder.resolve("broken"));
        IOException refused = assertThrows(IOException.class, () -> new Services(unreadable).close());
        assertTrue(refused.getMessage().contains("classifier.model"), refused.getMessage());
    }
}
