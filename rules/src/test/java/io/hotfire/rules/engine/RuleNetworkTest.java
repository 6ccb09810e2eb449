package io.hotfire.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotfire.domain.profile.DomainCatalog;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.drools.core.impl.InternalRuleBase;
import org.drools.core.reteoo.BetaNode;
import org.drools.core.reteoo.LeftTupleSource;
import org.drools.core.reteoo.RightInputAdapterNode;
import org.drools.core.reteoo.TerminalNode;
import org.junit.jupiter.api.Test;

/**
 * The shipped rule set builds no Drools subnetwork. A conditional element nested in {@code not(...)}
 * or {@code exists(...)} (e.g. {@code exists( A() and not B() )}) compiles to a subnetwork, and node
 * sharing lets one subnetwork feed two rules' not/exists nodes — the shape of the Drools defect
 * apache/incubator-kie-issues#2402 (DROOLS-7420): {@code NullPointerException ... "tuple" is null} in
 * {@code TupleSetsImpl.removeInsert} from {@code RuleNetworkEvaluator.doRiaNode2}, which stopped a GG-1
 * run's diagnosis. Rules say such a condition through a derived fact instead (SY-001 {@code OffBand}).
 */
class RuleNetworkTest {

    @Test
    void noShippedRuleBuildsASubnetwork() {
        DomainCatalog.Domain gg1 = DomainCatalog.load(DomainCatalog.defaultRoot()).require("gg1");
        List<RuleSource> sources = new ArrayList<>(RuleSource.core());
        sources.addAll(RuleSource.folder(gg1.rulesFolder()));
        RuleEngine engine = RuleEngine.compile(gg1.profile(), sources);
        assertThat(rulesWithSubnetworks(engine)).isEmpty();
    }

    @Test
    void theCheckFindsASubnetworkWhereOneIsBuilt() {
        DomainCatalog.Domain gg1 = DomainCatalog.load(DomainCatalog.defaultRoot()).require("gg1");
        List<RuleSource> sources = new ArrayList<>(RuleSource.core());
        sources.add(new RuleSource("test/99-Nested.drl", """
                package io.hotfire.rules.test;
                import io.hotfire.domain.feature.Deviation;
                import io.hotfire.rules.fact.Disqualified;
                rule "XX-002 A nested exists builds a subnetwork"
                when
                    exists( Deviation( $o : channel ) and not Disqualified( sensor == $o ) )
                then
                end
                """));
        assertThat(rulesWithSubnetworks(RuleEngine.compile(gg1.profile(), sources))).contains("io.hotfire.rules.test.XX-002 A nested exists builds a subnetwork");
    }

    /** Names of the rules whose network holds a right-input adapter (the end of a subnetwork). */
    static Set<String> rulesWithSubnetworks(RuleEngine engine) {
        InternalRuleBase base = (InternalRuleBase) engine.kieBase();
        Set<String> out = new TreeSet<>();
        for (Map.Entry<String, TerminalNode[]> e : base.getReteooBuilder().getTerminalNodes().entrySet()) {
            for (TerminalNode t : e.getValue()) {
                if (hasSubnetwork(t.getLeftTupleSource(), new IdentityHashMap<>())) {
                    out.add(e.getKey());
                }
            }
        }
        return out;
    }

    private static boolean hasSubnetwork(LeftTupleSource node, Map<Object, Boolean> seen) {
        for (LeftTupleSource n = node; n != null; n = n.getLeftTupleSource()) {
            if (seen.put(n, Boolean.TRUE) != null) {
                return false;
            }
            if (n instanceof BetaNode b && b.getRightInput() instanceof RightInputAdapterNode) {
                return true;
            }
        }
        return false;
    }
}
