package io.hotfire.pipeline.kit;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotfire.domain.profile.DomainCatalog;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every shipped domain's rule tests as data ({@code domains/<id>/tests/*.yaml}) run with the build. */
class ShippedDomainTestsTest {

    @TestFactory
    Stream<DynamicTest> everyShippedDomainPassesItsOwnTests() {
        DomainCatalog catalog = DomainCatalog.load(DomainCatalog.defaultRoot());
        return catalog.ids().stream().flatMap(id -> DomainTests.run(catalog.require(id)).stream()
                .map(r -> DynamicTest.dynamicTest(id + " " + r.file() + ": " + r.name(),
                        () -> assertThat(r.problems()).as(r.file()).isEmpty())));
    }

    @Test
    void thePhmDomainShipsTestsAndChecksClean() {
        DomainCatalog catalog = DomainCatalog.load(DomainCatalog.defaultRoot());
        assertThat(DomainTests.run(catalog.require("phm2023"))).isNotEmpty();
        DomainCheck.Report r = DomainCheck.check(catalog.require("phm2023").folder());
        assertThat(r.errors()).isEmpty();
        assertThat(r.warnings()).isEqualTo(List.of());
    }
}
