package io.hotfire.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotfire.domain.diagnosis.RunMonitor;
import io.hotfire.domain.event.Event;
import io.hotfire.domain.event.EventType;
import io.hotfire.domain.profile.DomainCatalog;
import io.hotfire.domain.telemetry.Frame;
import io.hotfire.sim.fault.FaultSpec;
import io.hotfire.sim.fault.SensorFaultKind;
import io.hotfire.sim.scenario.CommandChanges;
import io.hotfire.sim.scenario.Conditions;
import io.hotfire.sim.scenario.Scenario;
import io.hotfire.sim.scenario.ThrottleProfile;
import io.hotfire.sim.twin.TwinDomain;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Drools defect apache/incubator-kie-issues#2402 (DROOLS-7420) on a real run: the soak (seed 1,
 * run 54) found this twin run — uprated 105 %, warm LOX, another engine unit, a fuel injector
 * blockage, a rotor whirl and a spiking P_GG — on which rules + learned route threw
 * {@code NullPointerException: ... "tuple" is null} in {@code TupleSetsImpl.removeInsert} from
 * {@code RuleNetworkEvaluator.doRiaNode2} at window 67 and again at 70: RT-001 ({@code exists}) and
 * RT-002 ({@code not(exists)}) shared one subnetwork. With the rules saying it through SY-001's
 * {@code OffBand} fact the run diagnoses without a fault.
 */
class SubnetworkDefectTest {

    static final DomainCatalog.Domain GG1 = DomainCatalog.load(DomainCatalog.defaultRoot()).require("gg1");

    @Test
    void theRunThatHitTheSubnetworkDefectDiagnosesWithoutAFault() {
        TwinDomain twin = TwinDomain.load(GG1.folder().getParent(), GG1.profile().id());
        Scenario sc = new Scenario("soak", 11.448631199972368, new ThrottleProfile(105.11399269298289, List.of(), 8.711281124403609),
                List.of(), new Conditions(97.92532251297195, null, 0.020881798511932354, 0.0, 0.018150273012434465), List.of())
                .withFault(FaultSpec.component("FUEL_INJECTOR_BLOCKAGE", null, 4.032574261289814, 2.422711631906602,
                        0.864281712429843, twin.catalog().fault("FUEL_INJECTOR_BLOCKAGE").orElseThrow().signature(), false))
                .withFault(FaultSpec.component("TP_ROTOR_WHIRL", null, 7.099915686714323, 0.5173481706491083,
                        0.9458498799193438, twin.catalog().fault("TP_ROTOR_WHIRL").orElseThrow().signature(), false))
                .withFault(FaultSpec.sensor(SensorFaultKind.SPIKE, "P_GG", 1.0784677478722475, 1.2906723782183247, 0.6404404758854693));
        List<Frame> frames = twin.twin().simulate(CommandChanges.ensureFor(sc, twin), 7261785066238069391L).frames();

        DiagnosisEngine hybrid = DiagnosisEngine.load(GG1).withRouter(TwinModel.small());
        List<Event> events = new ArrayList<>();
        try (RunMonitor m = hybrid.open("subnetwork-defect")) {
            for (Frame f : frames) {
                events.addAll(m.accept(f));
            }
        }
        assertThat(events).filteredOn(e -> e.type() == EventType.DIAGNOSIS_FAULT).isEmpty();
        assertThat(events).extracting(Event::type).contains(EventType.ROUTE, EventType.RECOMMENDATION);
    }
}
