package io.hotfire.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotfire.domain.profile.DomainCatalog;
import io.hotfire.domain.profile.EngineProfile;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RuleEngineTest {

    static EngineProfile gg1;

    @BeforeAll
    static void profile() {
        gg1 = DomainCatalog.load(DomainCatalog.defaultRoot()).require("gg1").profile();
    }

    @Test
    void everyCoreRuleHasAnIdASentenceNameAStageAndASource() {
        List<RuleInfo> rules = RuleEngine.compile(gg1, RuleSource.core()).rules();
        assertThat(rules).extracting(RuleInfo::id).containsExactly(
                "RC-001", "RC-002", "RC-003", "RC-004", "RL-001", "RL-002", "RL-003", "RL-004", "RT-001", "RT-002", "RT-003", "RT-004", "RT-005",
                "SV-001", "SV-002", "SV-003", "SV-004", "SV-005", "SV-006", "SV-007", "SV-008", "SV-009", "SV-100", "SY-001", "TR-001", "TR-002", "TR-003");
        assertThat(rules).allSatisfy(r -> {
            assertThat(r.id()).matches("[A-Z]{2}-\\d{3}");
            assertThat(r.name().split(" ")).hasSizeGreaterThan(5);
            assertThat(r.stage()).isNotBlank();
            assertThat(r.source()).isNotBlank();
            assertThat(r.severity()).isNotBlank();
            assertThat(r.file()).startsWith("core/");
        });
    }

    @Test
    void brokenDrlFailsToCompileNamingTheFileAndLine() {
        List<RuleSource> sources = new ArrayList<>(RuleSource.core());
        sources.add(new RuleSource("gg1/30-Broken.drl", """
                package io.hotfire.rules.gg1;
                import io.hotfire.domain.feature.ChannelFeatures;
                rule "XX-001 A rule that reads a field that does not exist"
                when
                    ChannelFeatures( noSuchField > 1 )
                then
                end
                """));
        assertThatThrownBy(() -> RuleEngine.compile(gg1, sources)).isInstanceOf(RuleCompilationException.class)
                .hasMessageContaining("30-Broken.drl").hasMessageContaining("noSuchField");
    }

    @Test
    void theVersionChangesWithAnyRuleTextAndIsStableOtherwise() {
        List<RuleSource> core = RuleSource.core();
        String v1 = RuleEngine.version(gg1, core);
        assertThat(RuleEngine.version(gg1, RuleSource.core())).isEqualTo(v1);
        List<RuleSource> changed = new ArrayList<>(core);
        changed.set(0, new RuleSource(core.get(0).name(), core.get(0).drl() + "\n// a comment\n"));
        assertThat(RuleEngine.version(gg1, changed)).isNotEqualTo(v1).startsWith("gg1-");
    }
}
