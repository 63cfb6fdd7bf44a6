package org.mediamonitor.classifier;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.mediamonitor.model.Classification;
import org.mediamonitor.model.Evidence;
import org.mediamonitor.model.Label;

/** Sentences written for these tests; the segmenter is the process-wide one. */
class LexiconClassifierTest {
    private static final LexiconClassifier classifier = new LexiconClassifier(ChineseSegmenter.shared());

    private static Classification classify(String title, String text) {
        return classifier.classify(new Classifier.Input(title, text, null, null));
    }

    /** The overall tone of a Chinese text with no headline. */
    private static double tone(String text) {
        return classifier.tone(new Classifier.Input("", text, "zh", null));
    }

    @Test
    void praiseOfTaiwanIsPositiveWithTheSentenceAndWordsAsEvidence() {
        Classification c = classify("European lawmakers praise Taiwan as a model democracy",
                "Visiting members of the European Parliament praised Taiwan's vibrant democracy on Tuesday.\n"
                        + "They said Taipei deserved strong support for its participation in international organisations.");
        assertTrue(c.relevant());
        assertEquals(Label.POSITIVE, c.label());
        assertFalse(c.evidence().isEmpty());
        Evidence first = c.evidence().getFirst();
        assertEquals("positive", first.polarity());
        assertFalse(first.words().isEmpty());
        assertTrue(c.decidedBy().startsWith("model:"));
    }

    @Test
    void aWrongdoingJudgesWhoDoesIt() {
        // criticism reports a judgement of its object; a wrongdoing is a judgement of its doer
        Classification smearedBy = classify("Beijing smears Taipei",
                "State media in Beijing smeared Taiwan's government and distorted its record, the council said.");
        Classification smearing = classify("Taipei smears its critics",
                "Taiwan's government smeared opposition lawmakers and distorted the audit findings, the report said.");
        Classification criticised = classify("Beijing criticises Taipei",
                "State media in Beijing criticised Taiwan's government and condemned its record, the council said.");
        assertNotEquals(Label.NEGATIVE, smearedBy.label(), smearedBy.evidence().toString());
        assertEquals(Label.NEGATIVE, smearing.label(), smearing.evidence().toString());
        assertEquals(Label.NEGATIVE, criticised.label(), criticised.evidence().toString());
        Classification zhSmearedBy = classify("中共抹黑台湾", "中共官媒抹黑台湾政府，歪曲台湾的防疫成果。");
        Classification zhSmearing = classify("台湾当局抹黑在野党", "台湾当局抹黑在野党立委，歪曲审计报告的结论。");
        assertNotEquals(Label.NEGATIVE, zhSmearedBy.label(), zhSmearedBy.evidence().toString());
        assertEquals(Label.NEGATIVE, zhSmearing.label(), zhSmearing.evidence().toString());
    }

    @Test
    void opposingSupportForTaiwanCountsAgainstIt() {
        // the support is reported only as what is condemned: the item is the condemnation's
        Classification en = classify("Beijing condemns US support for Taiwan",
                "China's foreign ministry strongly condemned Washington's support for Taiwan on Tuesday. "
                        + "A spokesman said Beijing firmly opposed any support for the Taipei government.");
        Classification hans = classify("中国国防部对美方祝贺蔡英文表示不满", "中国国防部今天发表声明，对美方祝贺蔡英文就职表示强烈不满和坚决反对。");
        Classification hant = classify("中國國防部對美方祝賀蔡英文表示不滿", "中國國防部今天發表聲明，對美方祝賀蔡英文就職表示強烈不滿和堅決反對。");
        assertEquals(Label.NEGATIVE, en.label(), en.evidence().toString());
        assertEquals(Label.NEGATIVE, hans.label(), hans.evidence().toString());
        assertEquals(Label.NEGATIVE, hant.label(), hant.evidence().toString());
    }

    @Test
    void resistingForceAgainstTaiwanDefendsIt() {
        Classification zh = classify("美國防部重申支持台灣自我防衛", "美國國防部周四表示，美國將維持自身能力，抵禦任何危及台灣的武力行動與脅迫。");
        Classification en = classify("Washington will help Taiwan",
                "The Pentagon said the United States would maintain the capacity to resist any resort to force or coercion against Taiwan.");
        assertEquals(Label.POSITIVE, zh.label(), zh.evidence().toString());
        assertEquals(Label.POSITIVE, en.label(), en.evidence().toString());
    }

    @Test
    void taipeisRebuttalOfBeijingsChargeIsItsAnswer() {
        // 反驳指 introduces the council's own charge, which is not what it rejects; and the council, opening a later
        // clause of Beijing's sentence, speaks there in its own voice
        Classification apart = classify("兩岸互批", "國台辦批評民進黨當局挑釁。陸委會則反駁指中共打壓台灣、破壞現狀、威脅區域和平。");
        Classification oneSentence = classify("兩岸互批", "國台辦批評民進黨當局挑釁，陸委會則反駁指中共打壓台灣、破壞現狀、威脅區域和平。");
        assertEquals(Label.BALANCED, apart.label(), apart.evidence().toString());
        assertEquals(Label.BALANCED, oneSentence.label(), oneSentence.evidence().toString());
    }

    @Test
    void whenAMeasureTakesEffectIsNoVerdictOnIt() {
        Classification c = classify("Taiwan to raise minimum wage",
                "Taiwan's cabinet approved a 4 percent rise in the minimum wage on Thursday, effective from January.");
        assertEquals(Label.BALANCED, c.label(), c.evidence().toString());
    }

    @Test
    void whatTheTargetReceivesOrIsSaidToDoIsSaidOfIt() {
        // "won plaudits" is praise the target receives, not praise it gives; 被指 reports what is said of it
        Classification won = classify("Diplomats on Taipei's response",
                "Taipei won plaudits from Western diplomats for its handling of the outbreak. Officials in Taipei said the work was not over.");
        Classification accused = classify("台湾当局的施政", "台湾当局遭舆论批评，被指施政失误、民生凋敝。");
        assertEquals(Label.POSITIVE, won.label(), won.evidence().toString());
        assertEquals(Label.NEGATIVE, accused.label(), accused.evidence().toString());
    }

    @Test
    void favourTheTargetLosesAndWrongsItDoesCountAgainstIt() {
        // "squandered goodwill", "lost the trust": the favour is lost; 一再挑衅, 破坏两岸关系: phrases of wrongdoing
        // judge who does them, as the single words do
        Classification lost = classify("Editorial: Taipei's leaders",
                "Taipei's leaders have squandered years of goodwill and lost the trust of voters.");
        Classification damagedBy = classify("Taipei's standing",
                "Officials in Taipei said Beijing had damaged Taiwan's reputation abroad.");
        Classification wrongs = classify("民进党当局", "民进党当局一再挑衅大陆，破坏两岸关系。");
        assertEquals(Label.NEGATIVE, lost.label(), lost.evidence().toString());
        assertNotEquals(Label.POSITIVE, damagedBy.label(), damagedBy.evidence().toString());
        assertEquals(Label.NEGATIVE, wrongs.label(), wrongs.evidence().toString());
    }

    @Test
    void aNegationDeniesTheWholePredicateButNotTheNextOne() {
        Classification en = classify("Taiwan's governance",
                "Taiwan is no longer a model of good governance, the magazine argued. It cited repeated scandals.");
        Classification hant = classify("台灣的治理", "雜誌指出，台灣已不再是良好治理的典範。");
        Classification next = classify("Senator on Taiwan",
                "The senator said Taiwan was not a threat to anyone and deserved international respect.");
        assertEquals(Label.NEGATIVE, en.label(), en.evidence().toString());
        assertEquals(Label.NEGATIVE, hant.label(), hant.evidence().toString());
        assertEquals(Label.POSITIVE, next.label(), next.evidence().toString());
    }

    @Test
    void whatTheTargetBotchesJudgesIt() {
        Classification c = classify("Taiwan's vaccine purchase",
                "Taiwan's government botched the vaccine procurement and mismanaged the rollout, analysts said.");
        assertEquals(Label.NEGATIVE, c.label(), c.evidence().toString());
    }

    @Test
    void aBriefIsAboutWhatItsOneSentenceNames() {
        Classification brief = classify("Czech senate leader vows closer ties",
                "The Czech Senate president praised Taiwan's democracy and vowed to deepen ties.");
        assertTrue(brief.relevant(), brief.toString());
        assertEquals(Label.POSITIVE, brief.label(), brief.evidence().toString());
    }

    @Test
    void aBriefOfTwoSentencesIsAboutWhatItsLeadNames() {
        // a headline that names no one and two sentences, the first of which names Taiwan's policy
        Classification brief = classify("政策能否成功", "台湾的新移工政策能否成功？官员表示现在下结论还太早。");
        assertTrue(brief.relevant(), brief.toString());
        assertEquals(Label.BALANCED, brief.label(), brief.evidence().toString());
        // an item with no words at all is about nothing
        assertFalse(classify("", "").relevant());
    }

    @Test
    void anItemThatNamesOnlyThePlaceAndNoStateOrSocietyIsNotRelevant() {
        // a market report: Taiwan is where the mangoes grow, and no one judges it or speaks of its government
        String title = "Taiwan's first-quarter mango exports seen rising";
        String report = "Taiwan's mango exports are expected to rise to 30,000 tonnes in the first quarter from 25,000 a year "
                + "earlier, a spokesman for the growers' association said. Most of the fruit goes to Japan and South Korea.";
        Classification market = classify(title, report);
        assertFalse(market.relevant(), market.toString());
        // the same report with a policy in it, or with someone who judges Taiwan, is about the target
        Classification policy = classify(title, report + " The ministry cut the export tax on fruit last year.");
        assertTrue(policy.relevant(), policy.toString());
        Classification judged = classify(title, report + " Importers in Tokyo praised Taiwan for its reliable supply.");
        assertTrue(judged.relevant(), judged.toString());
        // and in Chinese: an earthquake off the east coast, then the same with the government's response
        String quake = "台湾花莲外海今天发生规模5.8的地震，花莲市震度4级。气象专家说，未来一周仍可能发生余震。";
        Classification event = classify("台湾花莲外海发生地震", quake);
        assertFalse(event.relevant(), event.toString());
        Classification response = classify("台湾花莲外海发生地震", quake + "台湾政府宣布拨款协助灾民重建。");
        assertTrue(response.relevant(), response.toString());
    }

    @Test
    void twoSentencesWithoutAHeadlineAreNoBrief() {
        // a review that names Taiwan once, in passing: a brief is a headline and one sentence
        Classification review = classify("", "這次在此住了9個晚上，房間很大卻有蚊子，櫃檯服務員太懶惰。我的卡需要打電話回台灣確認，服務品質實在很糟糕。");
        assertFalse(review.relevant(), review.toString());
    }

    @Test
    void anIntensifierBeforeTheAdjectiveHasNoToneOfItsOwn() {
        // 超乎想象的差 is "unimaginably bad"; 效果超乎想象 ("beyond what one imagined") is still praise
        assertTrue(tone("这本书超乎想象的差。") < 0);
        assertTrue(tone("效果超乎想象。") > 0);
    }

    @Test
    void whatIsMissingOrFailsIsAFaintComplaintInTheTone() {
        // no evaluative word: only what has not come (没有收到) and what cannot be done (无法读盘)
        assertTrue(tone("订的书一直没有收到，光驱也无法读盘。") < 0);
        // a word of absence that denies an evaluative word is a negation and no complaint besides: 没有缺点 reads as
        // 并无缺点 does (无 is a negation, not a word of absence)
        double none = tone("这台电脑没有缺点。");
        assertTrue(none > 0, "tone " + none);
        assertEquals(tone("这台电脑并无缺点。"), none, 1e-9);
        // and it is never an evaluation of the target
        Classification c = classify("台湾政府今年没有举办灯会", "台湾政府今年没有举办灯会，主办单位表示无法找到合适的场地。台湾各地的元宵活动照常举行。");
        assertTrue(c.relevant(), c.toString());
        assertEquals(Label.BALANCED, c.label(), c.evidence().toString());
        assertTrue(c.evidence().isEmpty(), c.evidence().toString());
    }

    @Test
    void aRhetoricalQuestionAssertsTheOppositeOfWhatItAsks() {
        // "is this what quality service is?" says that it is not
        assertTrue(tone("这难道就是优质服务吗？") < 0);
        // with a negation it affirms: "are they not excellent?"
        assertTrue(tone("难道他们不优秀吗？") > 0);
        Classification c = classify("社评：难道台湾是威胁吗？",
                "北京一再声称台湾是地区和平的威胁。难道台湾是威胁吗？台湾只是在守护自己的民主，从未挑衅任何人。");
        assertNotEquals(Label.NEGATIVE, c.label(), c.evidence().toString());
        Evidence headline = c.evidence().stream().filter(e -> e.text().startsWith("社评")).findFirst().orElseThrow();
        assertEquals("positive", headline.polarity(), headline.toString());
    }

    @Test
    void whatIsWishedForIsMissing() {
        // "it would be good if it came with a driver disc", "a little lighter and it would be perfect"
        assertTrue(tone("要是能随机附带一个驱动盘就好了。") < 0);
        assertTrue(tone("再轻一点就更完美了！") < 0);
        // a favourable word that is found, not wished for, keeps its tone
        assertTrue(tone("这台电脑轻巧完美。") > 0);
    }

    @Test
    void aNegationReachesThroughAComparison() {
        // "not as good as one imagined", "not as bad as outsiders imagine"
        assertTrue(tone("感觉这本书并不像想象的那么好。") < 0);
        assertTrue(tone("情况没有外界想象的那么糟糕。") > 0);
    }

    @Test
    void whatIsNotDeservedIsNoPraise() {
        // "not worth recommending", "does not deserve respect": one verdict, against
        assertTrue(tone("这本书不值得推荐。") < 0);
        assertTrue(tone("他的做法并不值得尊重。") < 0);
        assertTrue(tone("这本书值得推荐。") > 0);
    }

    @Test
    void seekingIndependenceJudgesWhoSeeksIt() {
        // the one named after it ("with US help") is not its object
        Classification c = classify("Beijing on the Taiwan authorities",
                "China's foreign ministry said the Taiwan authorities were seeking independence with US help.");
        assertEquals(Label.NEGATIVE, c.label(), c.evidence().toString());
    }

    @Test
    void taiwansStatisticsOfficeIsTaiwan() {
        Classification c = classify("主計總處公布經濟成長率", "主計總處今天公布第二季經濟成長率為3.1%，出口受晶片需求帶動成長，民間消費持平。");
        assertTrue(c.relevant(), c.toString());
        assertEquals(Label.BALANCED, c.label(), c.evidence().toString());
    }

    @Test
    void theIdiomsOfCommentaryJudge() {
        // set phrases of editorials and commentary carry the verdict on their own, with no other evaluative word
        Classification praised = classify("社論：行政院的稅改", "面對抗議，行政院意志堅定、擇善固執，終於完成稅制改革。");
        Classification reproached = classify("台湾当局与民意", "台湾当局对基层的呼声置若罔闻，面对物价上涨袖手旁观。");
        Classification en = classify("Taiwan's defence debate",
                "Analysts said Taiwan's government had grown complacent about the shortfalls in its reserve forces.");
        assertEquals(Label.POSITIVE, praised.label(), praised.evidence().toString());
        assertEquals(Label.NEGATIVE, reproached.label(), reproached.evidence().toString());
        assertEquals(Label.NEGATIVE, en.label(), en.evidence().toString());
    }

    @Test
    void whatTheTargetWouldDoIsItsOwnVerdict() {
        // "would reject" is Taipei's verdict on the proposal, not one on Taipei
        Classification c = classify("Taiwan's answer", "Taipei would reject the proposal, officials said.");
        assertNotEquals(Label.NEGATIVE, c.label(), c.evidence().toString());
    }

    @Test
    void disagreeingWithCriticismOfTaiwanDefendsIt() {
        Classification c = classify("港人學者談台灣", "一位香港學者說，他絕對不同意國台辦對民進黨政府的批評。");
        assertEquals(Label.POSITIVE, c.label(), c.evidence().toString());
    }

    @Test
    void aQuestionIsNoVerdict() {
        Classification en = classify("Senator questioned on Taiwan", "Reporters asked whether the senator would praise Taiwan's democracy.");
        Classification zh = classify("候选人被问到台湾", "记者问他是否会支持台湾参与国际组织。");
        assertEquals(Label.BALANCED, en.label(), en.evidence().toString());
        assertEquals(Label.BALANCED, zh.label(), zh.evidence().toString());
    }

    @Test
    void aSuppositionIsNoVerdict() {
        Classification then = classify("评论员谈台海安全", "评论员说，台湾沦陷则全世界都会受到影响。");
        Classification once = classify("评论员谈台海安全", "评论员说，台湾一旦沦陷，全世界都会受到影响。");
        Classification fell = classify("评论员谈台海安全", "评论员说，台湾的防线已经沦陷，全世界都受到影响。");
        assertTrue(then.evidence().isEmpty(), then.evidence().toString());
        assertTrue(once.evidence().isEmpty(), once.evidence().toString());
        assertEquals(Label.NEGATIVE, fell.label(), fell.evidence().toString());
        // a threat put as a condition is still a threat
        Classification warned = classify("国台办警告台独", "国台办发言人说，如果台独分裂势力胆敢挑衅，必将遭到迎头痛击。");
        assertEquals(Label.NEGATIVE, warned.label(), warned.evidence().toString());
    }

    @Test
    void whatTaiwanSaysOfItselfWeighsLessThanWhatOthersSay() {
        Classification self = classify("Taiwan's new law", "Taiwan's president said the law was a great success for its vibrant democracy.");
        Classification others = classify("Taiwan's new law",
                "European lawmakers said the law was a great success for Taiwan's vibrant democracy.");
        double selfWeight = self.evidence().getFirst().score(), othersWeight = others.evidence().getFirst().score();
        assertTrue(othersWeight > 0 && selfWeight > 0 && selfWeight < 0.6 * othersWeight, selfWeight + " against " + othersWeight);
    }

    @Test
    void theTargetsQuotedWordsEndWithTheQuotation() {
        // 「……」 is the minister's; "today it was all broken" after it is the reporter's verdict on the promise
        Classification c = classify("台湾官员的承诺", "台湾教育部长曾在立法院表示「选手搭乘商务舱」，结果今天全部跳票。");
        assertTrue(c.evidence().stream().anyMatch(e -> e.words().contains("跳票") && e.score() < 0), c.evidence().toString());
    }

    @Test
    void whatTaiwanCondemnsIsDescribedInItsOwnWords() {
        // "illegal" is Taipei's word for the seizure, its answer to the accusation, not a verdict on Taipei
        Classification c = classify("Embassy of Taiwan seized",
                "The country's attorney general accused Taipei of a sinister plot. Taiwan's foreign ministry condemned the illegal seizure.");
        assertEquals(Label.BALANCED, c.label(), c.evidence().toString());
    }

    @Test
    void verbsJoinedByAndShareTheirSubject() {
        Classification c = classify("Taiwan warns its pop stars",
                "Taiwan has criticised and threatened to fine two pop singers who sang on a Chinese TV show.");
        assertEquals(Label.BALANCED, c.label(), c.evidence().toString());
    }

    @Test
    void aNegationIsSpentOnTheFirstEvaluativeWordAfterIt() {
        // 绝不 negates 容忍 (tolerate); 台独 after it is no less condemned
        Classification c = classify("国台办谈台湾", "国台办发言人今天重申，绝不容忍台独。");
        assertEquals(Label.NEGATIVE, c.label(), c.evidence().toString());
    }

    @Test
    void aContrastOfSeveralWordsWeighsWhatFollowsIt() {
        Classification c = classify("Taiwan's pandemic response", "Critics said Taiwan's early response was slow and chaotic; "
                + "on the other hand, its testing and tracing were excellent and widely praised.");
        assertEquals(Label.POSITIVE, c.label(), c.evidence().toString());
    }

    @Test
    void boastingJudgesTheBoaster() {
        Classification en = classify("Taiwan's president on the campaign trail", "Taiwan's president trumpeted her achievements in a speech on Monday.");
        Classification zh = classify("台湾总统的竞选", "台湾总统在演说中吹嘘她的政绩。");
        assertEquals(Label.NEGATIVE, en.label(), en.evidence().toString());
        assertEquals(Label.NEGATIVE, zh.label(), zh.evidence().toString());
    }

    @Test
    void whatIsMistakenForSupportIsNone() {
        Classification c = classify("Taiwan's election", "The president's re-election in Taiwan might be misinterpreted as public support for her policies.");
        assertEquals(Label.NEGATIVE, c.label(), c.evidence().toString());
    }

    @Test
    void whatSomeoneOwnsIsJudgedAsTheirs() {
        Classification others = classify("G7 backs Taiwan", "G7 foreign ministers reaffirmed their support for Taiwan on Tuesday. "
                + "The statement followed Senator Brown's controversial remarks about Taiwan.");
        Classification taiwans = classify("Taiwan's pension reform", "Retirees protested against Taiwan's controversial pension reform.");
        assertTrue(others.evidence().stream().noneMatch(e -> e.words().contains("controversial")), others.evidence().toString());
        assertEquals(Label.POSITIVE, others.label());
        assertTrue(taiwans.evidence().stream().anyMatch(e -> e.words().contains("controversial")), taiwans.evidence().toString());
        assertEquals(Label.NEGATIVE, taiwans.label());
    }

    @Test
    void aClauseThatNamesNoOneContinuesTheActorBeforeIt() {
        // 有力 and 扎实 praise the party's own work; the clauses after the first share its subject
        Classification own = classify("中共官媒谈台湾", "中共官媒称，中共积极推进对台工作，有力维护台海和平稳定，扎实推进两岸交流合作。台湾陆委会今天没有回应。");
        assertTrue(own.evidence().stream().noneMatch(e -> e.words().contains("扎实")), own.evidence().toString());
        assertNotEquals(Label.POSITIVE, own.label());
        // what an actor says is its speech, not its own act: the condemnation still speaks of Taiwan
        Classification said = classify("国台办谈台湾", "国台办发言人说，台独分裂势力的挑衅注定失败。");
        assertEquals(Label.NEGATIVE, said.label(), said.evidence().toString());
        // nor do words that deny Taiwan's legitimacy belong to whoever was named before: they name Taiwan's side
        Classification warned = classify("国台办谈台湾", "国台办发言人说，我们正告美方，台独是死路一条。");
        assertEquals(Label.NEGATIVE, warned.label(), warned.evidence().toString());
    }

    @Test
    void backingWhatDeniesTaiwanCountsAgainstIt() {
        Classification hans = classify("国台办谈台湾", "国台办发言人说，我们更有信心实现祖国完全统一，台湾是中国的一部分。");
        Classification hant = classify("國台辦談台灣", "國台辦發言人說，我們更有信心實現祖國完全統一，台灣是中國的一部分。");
        Classification en = classify("Beijing on Taiwan", "A Chinese state media commentary said Beijing was confident of achieving reunification with Taiwan.");
        assertEquals(Label.NEGATIVE, hans.label(), hans.evidence().toString());
        assertEquals(Label.NEGATIVE, hant.label(), hant.evidence().toString());
        assertEquals(Label.NEGATIVE, en.label(), en.evidence().toString());
        // helping Taiwan meet a threat is no backing of the threat
        Classification helped = classify("美议员谈台湾", "美国议员说，这有利于台湾应对中共的威胁。");
        assertEquals(Label.POSITIVE, helped.label(), helped.evidence().toString());
    }

    @Test
    void aFailureIsTheStateOfWhoeverHasIt() {
        // "struggled" is no verdict of Taiwan's on its targets: it is the state of Taiwan's military
        Classification en = classify("Taiwan's military", "Taiwan's military has struggled to meet its recruitment targets for years.");
        Classification zh = classify("蔡英文的民望", "民調顯示，蔡英文的評分下跌4.8分。");
        assertEquals(Label.NEGATIVE, en.label(), en.evidence().toString());
        assertEquals(Label.NEGATIVE, zh.label(), zh.evidence().toString());
        // shaking off a shortage is no failure
        Classification escaped = classify("台湾的疫苗", "台湾逐渐摆脱疫苗短缺，今天起开放民众登记。");
        assertNotEquals(Label.NEGATIVE, escaped.label(), escaped.evidence().toString());
        assertTrue(escaped.evidence().stream().allMatch(e -> e.score() > 0), escaped.evidence().toString());
    }

    @Test
    void aPronounAfterTheWordIsItsObject() {
        // "it" is China, whom the goddess would help; Taiwan is what China would win over
        Classification helpsIt = classify("China hopes a sea goddess can help it win over Taiwan",
                "Temples across the strait celebrate the goddess every spring.");
        Classification helpsTaiwan = classify("Washington pledges to help Taiwan defend itself",
                "Temples across the strait celebrate the goddess every spring.");
        assertNotEquals(Label.POSITIVE, helpsIt.label(), helpsIt.evidence().toString());
        assertEquals(Label.POSITIVE, helpsTaiwan.label(), helpsTaiwan.evidence().toString());
        // Taiwan's president praising "it" (her navy's new ship) is her own verdict, not an evaluation of Taiwan
        Classification own = classify("Taiwan's new warship",
                "Taiwan's president praised it as a symbol of Taiwan's national defence autonomy.");
        assertTrue(own.evidence().stream().noneMatch(e -> e.words().contains("praised")), own.evidence().toString());
    }

    @Test
    void theLongerNameWinsWhereAnActorsAndTheTargetsOverlap() {
        // "Republic of China" is a name of Taiwan, but not inside "People's Republic of China", with either apostrophe
        for (String apostrophe : new String[] {"'", "’"}) {
            Classification c = classify("Leaders discuss Taiwan's elections",
                    "The two leaders praised the People" + apostrophe + "s Republic of China for its recent diplomacy.");
            assertNotEquals(Label.POSITIVE, c.label(), c.evidence().toString());
        }
        // the office that speaks for Beijing on Taiwan is Beijing's: what it says is no answer of Taiwan's
        Classification office = classify("Beijing criticises arms sales to Taiwan",
                "The Taiwan Affairs Office said the arms sales were a grave provocation and a reckless mistake.");
        assertTrue(office.evidence().stream().anyMatch(e -> e.words().contains("reckless")), office.evidence().toString());
        Classification roc = classify("Leaders praise Taipei", "The two leaders praised the Republic of China (Taiwan) for its recent diplomacy.");
        assertEquals(Label.POSITIVE, roc.label(), roc.evidence().toString());
    }

    @Test
    void anInvitationToTakePartBacksTaiwan() {
        // backing for its international participation (LABELS.md); the exercise it is invited to is no threat to it
        Classification hans = classify("美国国会邀台湾参加军演", "美国众议院通过国防授权法案，邀请台湾参加环太平洋军演。");
        Classification hant = classify("美國國會邀台灣參加軍演", "美國眾議院通過國防授權法案，邀請台灣參加環太平洋軍演。");
        assertEquals(Label.POSITIVE, hans.label(), hans.evidence().toString());
        assertEquals(Label.POSITIVE, hant.label(), hant.evidence().toString());
    }

    @Test
    void thePagesFurnitureIsNotRead() {
        // a link to another article is not the item's text
        String praise = "台湾大批民众举行“守护台湾民主”活动，各界高度赞扬台湾的民主成就";
        Classification linked = classify("两岸少儿书画展在北京举行", "第十二届海峡两岸少儿美术大展今天在北京举行。\n- *延伸阅读：" + praise);
        Classification written = classify("两岸少儿书画展在北京举行", "第十二届海峡两岸少儿美术大展今天在北京举行。\n" + praise);
        assertEquals(Label.BALANCED, linked.label(), linked.evidence().toString());
        assertEquals(Label.POSITIVE, written.label(), written.evidence().toString());
        Classification en = classify("Taiwan's pension reform",
                "The legislature passed the bill on Tuesday.\nRead more: Experts praise Taiwan's remarkable democracy and its excellent leadership");
        assertTrue(en.evidence().isEmpty(), en.evidence().toString());
    }

    @Test
    void theTargetsOwnColumnIsItsPosition() {
        String text = "今年的总统杯黑客松于五月举行。\n在我看来，这次黑客松的成果斐然，协作过程更是开创了新的示范。\n"
                + "第一次工作坊采用全远端方式。\n团队弹性应变，成效显著，值得大家参考。";
        Classification own = classify("唐凤专栏：虚实整合，突破疫情限制", text);
        Classification reported = classify("评论：唐凤的黑客松，突破疫情限制", text);
        assertEquals(Label.POSITIVE, reported.label(), reported.evidence().toString());
        assertNotEquals(Label.POSITIVE, own.label(), own.evidence().toString());
    }

    @Test
    void theTaiwanStraitIsAPlaceNotTheTarget() {
        // the Strait makes an item about Taiwan, but what happens in it is not done by Taiwan or to it
        Classification zh = classify("美軍艦航經台灣海峽", "中國外交部發言人批評，美國打著航行自由的幌子在台灣海峽滋事挑釁。");
        Classification en = classify("US warship sails through the Taiwan Strait",
                "China's foreign ministry said the US warship had staged a reckless provocation in the Taiwan Strait.");
        assertTrue(zh.relevant());
        assertNotEquals(Label.NEGATIVE, zh.label(), zh.evidence().toString());
        assertTrue(en.relevant());
        assertNotEquals(Label.NEGATIVE, en.label(), en.evidence().toString());
    }

    @Test
    void aNameBeforePeopleOfATradeSaysWhereTheyAreFrom() {
        // the athlete is criticised, not Taiwan: the premier's criticism is Taiwan's own verdict
        Classification zh = classify("台湾行政院长批评选手", "台湾教育部发言人说，行政院长苏贞昌批评台湾速滑运动员在冬奥会前身穿中国队服。");
        Classification en = classify("Taiwan's premier criticises pop stars",
                "Taiwan's premier criticised Taiwanese singers who had performed on a Chinese television show.");
        assertNotEquals(Label.NEGATIVE, zh.label(), zh.evidence().toString());
        assertNotEquals(Label.NEGATIVE, en.label(), en.evidence().toString());
    }

    @Test
    void doubtIsNoPraise() {
        Classification c = classify("Taiwan's defence", "Analysts say questions remain over how credible a defence Taiwan can mount.");
        assertNotEquals(Label.POSITIVE, c.label(), c.evidence().toString());
        assertTrue(c.evidence().stream().allMatch(e -> e.score() < 0), c.evidence().toString());
    }

    @Test
    void aNegationOfSeveralWordsNegates() {
        Classification c = classify("Taiwan's pension reform", "Analysts said Taiwan's pension reform was far from a success.");
        assertEquals(Label.NEGATIVE, c.label(), c.evidence().toString());
    }

    @Test
    void theTermsOfCrossStraitPoliticsMakeAnItemRelevantWithoutNamingTaiwan() {
        Classification zh = classify("国台办：绝不容忍台独", "国台办发言人今天表示，两岸同胞是一家人。我们坚决反对任何形式的台独分裂活动。");
        Classification en = classify("Beijing sets out its cross-strait line",
                "A spokesman said the one-China principle was the basis of cross-strait relations. He spoke for an hour.");
        assertTrue(zh.relevant(), zh.toString());
        assertEquals(Label.NEGATIVE, zh.label(), zh.evidence().toString());
        assertTrue(en.relevant(), en.toString());
    }

    @Test
    void aScornfulNameForBeijingIsNoVerdictOnTaiwan() {
        // 共匪 names the Communist Party with scorn: it and what it is said to do judge the party, not Taiwan
        Classification c = classify("共匪阻挠台湾参与世卫", "共匪恶意阻挠台湾参与世界卫生大会，台湾外交部表示遗憾。");
        assertTrue(c.relevant());
        assertNotEquals(Label.NEGATIVE, c.label(), c.evidence().toString());
        // 极权 (the totalitarian regimes) names them too, and what they do is theirs
        Classification regimes = classify("台湾外交部长谈台海安全",
                "台湾外交部长说，台湾在全球半导体供应具领导性地位，极权侵略将重创全球经济。民主国家必须阻止极权扩张。");
        assertTrue(regimes.evidence().stream().noneMatch(e -> e.score() < 0), regimes.evidence().toString());
        // the party's Latin initials in Chinese text name it as 中共 does
        Classification initials = classify("中共武统台湾的消息", "最近墙内武统台湾的消息满天飞。ccp的军警都是以镇压百姓服务的。");
        assertTrue(initials.evidence().stream().noneMatch(e -> e.words().contains("镇压")), initials.evidence().toString());
    }

    @Test
    void negationTurnsAThreatIntoItsOpposite() {
        Classification threat = classify("Taiwan's drills", "Beijing said Taiwan's exercises were a dangerous threat to peace.");
        Classification notThreat = classify("Taiwan's drills", "Analysts said Taiwan's exercises were not a threat to peace.");
        assertEquals(Label.NEGATIVE, threat.label());
        assertNotEquals(Label.NEGATIVE, notThreat.label());
    }

    @Test
    void theClauseAfterButWeighsMore() {
        Classification c = classify("Taiwan's pandemic response",
                "Experts praised Taiwan's early border measures but sharply criticised the government's slow vaccine purchases.");
        assertEquals(Label.NEGATIVE, c.label());
        assertTrue(c.evidence().getFirst().words().size() >= 2, c.evidence().toString());
    }

    @Test
    void quotingBothSidesIsBalanced() {
        Classification c = classify("Beijing and Taipei trade words over US visit",
                "China's Taiwan Affairs Office condemned the Taiwan government's provocation and warned of consequences.\n"
                        + "Taiwan's Mainland Affairs Council rejected the accusation and praised the visit as a welcome sign of strong support.");
        assertTrue(c.relevant());
        assertEquals(Label.BALANCED, c.label());
    }

    @Test
    void aFactualReportIsBalanced() {
        Classification c = classify("Chinese carrier sails through Taiwan Strait",
                "A Chinese aircraft carrier group sailed through the Taiwan Strait on Thursday, Taiwan's defence ministry said.\n"
                        + "The ministry said it monitored the ships throughout their passage.");
        assertTrue(c.relevant());
        assertEquals(Label.BALANCED, c.label());
    }

    @Test
    void aPassingMentionIsNotRelevant() {
        Classification c = classify("Review: a light laptop with a long battery life",
                "The new laptop is light and fast. Its screen is bright and its keyboard comfortable.\n"
                        + "It is assembled in Taiwan and costs less than its rivals. Battery life reaches twelve hours.");
        assertFalse(c.relevant());
        assertNull(c.label());
    }

    @Test
    void theSameItemInBothChineseScriptsGetsTheSameLabel() {
        Classification hant = classify("歐洲議員讚揚臺灣民主", "歐洲議會訪問團今天讚揚臺灣的民主成就，並表示堅定支持臺灣參與國際組織。");
        Classification hans = classify("欧洲议员赞扬台湾民主", "欧洲议会访问团今天赞扬台湾的民主成就，并表示坚定支持台湾参与国际组织。");
        assertEquals(Label.POSITIVE, hant.label());
        assertEquals(hant.label(), hans.label());
        assertEquals(hant.confidence(), hans.confidence());
        assertEquals("歐洲議員讚揚臺灣民主", hant.evidence().stream().filter(e -> e.start() == 0).findFirst().orElseThrow().text(),
                "evidence quotes the original script");
    }

    @Test
    void mainlandCondemnationWithNoAnswerIsNegative() {
        Classification c = classify("国台办谴责民进党当局挑衅",
                "国台办发言人今天严厉谴责民进党当局勾连外部势力的分裂挑衅行径，指其破坏两岸关系和平发展。");
        assertTrue(c.relevant());
        assertEquals(Label.NEGATIVE, c.label());
    }

    @Test
    void aGivenTargetReplacesTheConfiguredOne() {
        Classification c = classifier.classify(new Classifier.Input("",
                "Shareholders praised Acme Corp for its excellent results.", "en", "Acme Corp"));
        assertTrue(c.relevant());
        assertEquals(Label.POSITIVE, c.label());
        // the given target wins over a longer name of another actor that holds it ("Xi" in "Xi Jinping")
        String text = "Officials met in the capital on Monday. Delegates praised President Xi Jinping for his excellent leadership. "
                + "The talks ended on Tuesday.";
        Classification xi = classifier.classify(new Classifier.Input("", text, "en", "Xi"));
        assertEquals(Label.POSITIVE, xi.label(), xi.evidence().toString());
    }

    @Test
    void whoSpeaksDecides() {
        Classification condemned = classify("Beijing condemned Taipei", "Beijing condemned Taipei for the visit on Monday.");
        Classification condemning = classify("Taipei condemned Beijing", "Taipei condemned Beijing for the drills on Monday.");
        assertEquals(Label.NEGATIVE, condemned.label());
        assertTrue(condemning.relevant());
        assertNotEquals(Label.NEGATIVE, condemning.label());
    }

    @Test
    void whoSpeaksDecidesInChineseToo() {
        Classification condemned = classify("北京谴责台湾", "北京今天谴责台湾当局。");
        Classification condemning = classify("台湾谴责北京", "台湾今天谴责北京的军演。");
        assertEquals(Label.NEGATIVE, condemned.label());
        assertNotEquals(Label.NEGATIVE, condemning.label());
    }

    @Test
    void aFactualReportOfThreatsAgainstTaiwanIsNotNegative() {
        Classification c = classify("Chinese warplanes fly near Taiwan",
                "Chinese warplanes staged mock attacks near Taiwan on Friday and simulated a blockade of the island.\n"
                        + "Taiwan's defence ministry said it tracked 30 aircraft and scrambled jets in response.");
        assertTrue(c.relevant());
        assertEquals(Label.BALANCED, c.label());
    }

    @Test
    void criticismOfAnotherActorInASentenceAboutTaiwanIsNotCriticismOfTaiwan() {
        Classification c = classify("Washington criticises Beijing over Taiwan",
                "Washington sharply criticised Beijing's reckless provocations around Taiwan on Monday.\n"
                        + "American officials condemned China's aggressive coercion and said Taiwan deserved support.");
        assertTrue(c.relevant());
        assertNotEquals(Label.NEGATIVE, c.label());
    }

    @Test
    void theTargetsReplyInChineseBalancesTheCriticismItAnswers() {
        Classification answered = classify("国台办批评台湾当局 陆委会回应",
                "国台办发言人今天批评台湾当局的挑衅行为。\n陆委会发言人回应说，北京的指责毫无根据，是对台湾的恶意抹黑。");
        Classification unanswered = classify("国台办批评台湾当局",
                "国台办发言人今天批评台湾当局的挑衅行为。\n国台办发言人还说，台湾当局的分裂行径注定失败。");
        assertEquals(Label.NEGATIVE, unanswered.label());
        assertEquals(Label.BALANCED, answered.label());
    }

    @Test
    void denouncingTaiwanAsSomethingIsAChargeAgainstIt() {
        // what is condemned is Taiwan's leaders; "separatists" is the charge, no threat against Taiwan being condemned
        Classification en = classify("State media on Taiwan", "State media denounced Taiwan's leaders as separatists who would be punished.");
        Classification zh = classify("官媒评台湾", "官媒痛斥台湾当局为必遭惩罚的分裂势力。");
        assertEquals(Label.NEGATIVE, en.label(), en.evidence().toString());
        assertEquals(Label.NEGATIVE, zh.label(), zh.evidence().toString());
        // condemning the threats against Taiwan still defends it
        Classification defended = classify("Allies on Taiwan", "The allies condemned Beijing's threats against Taiwan.");
        assertEquals(Label.POSITIVE, defended.label(), defended.evidence().toString());
    }

    @Test
    void aSentenceThatOpensWithAConcessionIsDecidedByWhatFollowsIt() {
        Classification en = classify("Despite praise, doubts",
                "Although some praised its early response, Taiwan's government later botched the vaccine procurement, analysts said.");
        Classification turned = classify("Despite doubts, praise",
                "Although some doubted its early response, Taiwan's government later handled the vaccine procurement well, analysts said.");
        assertEquals(Label.NEGATIVE, en.label(), en.evidence().toString());
        assertEquals(Label.POSITIVE, turned.label(), turned.evidence().toString());
        // what the target claims inside the concession is its claim; the verdict after 但 is the writer's
        Classification zh = classify("台湾当局施政", "虽然台湾当局宣称取得进展，但其施政无能，民怨沸腾。");
        assertEquals(Label.NEGATIVE, zh.label(), zh.evidence().toString());
    }

    @Test
    void theTargetRefutingAChargeIsItsSideOfTheStory() {
        Classification charged = classify("Beijing and Taipei trade barbs", "Beijing accused Taipei of provoking tensions.");
        Classification answered = classify("Beijing and Taipei trade barbs",
                "Beijing accused Taipei of provoking tensions.\nTaiwan's Mainland Affairs Council rejected the accusation as groundless.");
        assertEquals(Label.NEGATIVE, charged.label(), charged.evidence().toString());
        assertEquals(Label.BALANCED, answered.label(), answered.evidence().toString());
    }

    @Test
    void standingUpToAnAuthoritarianNeighbourIsPraiseOfTheOneWhoStands() {
        // "authoritarian" describes the neighbour, not the democracy that the sentence names
        Classification c = classify("A lesson from Taipei",
                "Taiwan has stood up to its authoritarian neighbour, and its people vote freely.");
        assertEquals(Label.POSITIVE, c.label(), c.evidence().toString());
    }

    @Test
    void aVerbOfCriticismAndTheChargeItReportsAreOneEvaluation() {
        // 批评 and 挑衅 are one charge, which the MAC's answer balances; the charge alone is still one against Taiwan
        Classification charged = classify("两岸各说各话", "国台办批评民进党当局挑衅。");
        Classification answered = classify("两岸各说各话", "国台办批评民进党当局挑衅，陆委会则回应称北京才是破坏现状者。");
        assertEquals(Label.NEGATIVE, charged.label(), charged.evidence().toString());
        assertEquals(Label.BALANCED, answered.label(), answered.evidence().toString());
        Classification traditional = classify("兩岸各說各話", "國台辦批評民進黨當局挑釁，陸委會則回應稱北京才是破壞現狀者。");
        assertEquals(Label.BALANCED, traditional.label(), traditional.evidence().toString());
    }

    @Test
    void theWrongdoingThatASpokesmanReportsJudgesWhoDoesItNotTheSpokesman() {
        // 国台办 speaks; 民进党当局 does what is charged, and the clause after it shares that subject
        Classification zh = classify("国台办评民进党当局", "国台办发言人表示，民进党当局执意推进“去中国化”，严重伤害两岸同胞感情。");
        assertEquals(Label.NEGATIVE, zh.label(), zh.evidence().toString());
        Classification en = classify("Taiwan's opposition walks out",
                "The opposition accused Taiwan's ruling party of abusing its majority in the legislature.");
        assertEquals(Label.NEGATIVE, en.label(), en.evidence().toString());
    }

    @Test
    void aClearVerdictIsTrustedAndAnUnsureOneGoesToReview() {
        // many voices on one side, the headline among them: sure enough to count without review
        Classification clear = classify("Beijing condemns Taipei's provocations",
                "China's Taiwan Affairs Office condemned Taipei's reckless provocation on Monday.\n"
                        + "The spokesman accused the Taiwan authorities of colluding with foreign forces and undermining peace.\n"
                        + "State media denounced Taiwan's leaders as separatists who would be punished.");
        assertEquals(Label.NEGATIVE, clear.label(), clear.evidence().toString());
        assertTrue(clear.confidence() >= 0.8, clear.toString());
        assertFalse(Classifier.needsReview(clear, Classifier.REVIEW_BELOW), clear.toString());
        // praise and criticism near even: a person should look
        Classification split = classify("Taiwan's pension reform",
                "Supporters praised Taiwan's pension reform as courageous.\n"
                        + "Critics condemned it as unfair to retired teachers.");
        assertTrue(Classifier.needsReview(split, Classifier.REVIEW_BELOW), split.toString());
    }

    @Test
    void oneWeakEvaluationIsNotEnoughForAPositiveLabel() {
        Classification c = classify("Taiwan's central bank cuts interest rates",
                "Taiwan's central bank cut its benchmark rate by a quarter point on Thursday.\n"
                        + "Economists said the cut could help exporters in the coming months.");
        assertTrue(c.relevant());
        assertEquals(Label.BALANCED, c.label());
    }

    @Test
    void wordsInsideANameEvaluateNoOne() {
        Classification c = classify("Taiwan's Democratic Progressive Party picks its candidate",
                "Taiwan's ruling Democratic Progressive Party nominated its candidate for president on Wednesday.\n"
                        + "The Democratic Progressive Party will hold a rally in Taipei next week.");
        assertTrue(c.relevant());
        assertEquals(Label.BALANCED, c.label());
        assertTrue(c.evidence().stream().noneMatch(e -> e.words().contains("Progressive")), c.evidence().toString());
    }

    @Test
    void theGovernmentInAnItemAboutTaiwanIsTheTarget() {
        Classification c = classify("Taiwan's vaccine purchases",
                "Taiwan ordered vaccines from two suppliers in March.\n"
                        + "Critics said the government's slow purchases were a costly failure and a disgrace.");
        assertTrue(c.relevant());
        assertEquals(Label.NEGATIVE, c.label());
    }

    @Test
    void opposingForceAgainstTaiwanDefendsIt() {
        Classification defended = classify("Ministers back Taiwan",
                "The ministers reiterated their support for Taiwan's participation in international organisations.\n"
                        + "They strongly opposed any attempt to change the status quo around Taiwan by force or coercion.");
        Classification threatened = classify("Ministers back Taiwan",
                "The ministers reiterated their support for Taiwan's participation in international organisations.\n"
                        + "They said Taiwan faced attempts to change the status quo by force or coercion.");
        assertEquals(Label.POSITIVE, defended.label());
        assertTrue(defended.confidence() > threatened.confidence() || threatened.label() != Label.POSITIVE,
                defended + " / " + threatened);
    }

    @Test
    void denouncingUnilateralChangesToTheStatusQuoDefendsTaiwan() {
        // the phrase of diplomatic statements names a threat without the word "force"
        Classification c = classify("Parliament backs Taiwan's participation in the WHO",
                "The parliament backed Taiwan's participation in the World Health Organization.\n"
                        + "It denounced any unilateral attempts to alter the status quo in the Taiwan Strait as unacceptable.");
        assertEquals(Label.POSITIVE, c.label(), c.evidence().toString());
        Classification zh = classify("议会支持台湾参与世卫", "议会支持台湾参与世界卫生组织。议会强烈谴责任何片面改变台海现状的企图。");
        assertEquals(Label.POSITIVE, zh.label(), zh.evidence().toString());
    }
}
