package io.hotfire.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No package cycle in {@code app}: every package under {@code io.hotfire.app} (the root package
 * and each sub-package on its own) and what its compiled main classes use of each other form a
 * graph without a cycle, so the ingest core ({@code ingest}) can be read, tested and changed
 * without the HTTP side ({@code telemetry}) that calls it. ArchUnit reads the compiled classes,
 * so a use that the source hides (a fully qualified name, a same-named type) is seen too.
 */
class PackageCycleTest {

    static final String BASE = "io.hotfire.app";
    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS).importPackages(BASE);
    }

    /** One slice per package: {@code (root)} for the base package itself, else its name below the base. */
    static final SliceAssignment PER_PACKAGE = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass c) {
            String p = c.getPackageName();
            if (p.equals(BASE)) {
                return SliceIdentifier.of("(root)");
            }
            return p.startsWith(BASE + ".") ? SliceIdentifier.of(p.substring(BASE.length() + 1)) : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "each package of " + BASE;
        }
    };

    @Test
    void thePackagesOfAppFormNoCycle() {
        slices().assignedFrom(PER_PACKAGE).should().beFreeOfCycles().check(classes);
    }

    @Test
    void theIngestCoreDoesNotKnowTheHttpOrKafkaSide() {
        noClasses().that().resideInAPackage(BASE + ".ingest..").should().dependOnClassesThat()
                .resideInAnyPackage(BASE + ".telemetry..", BASE + ".kafka..", BASE + ".console..").check(classes);
    }
}
