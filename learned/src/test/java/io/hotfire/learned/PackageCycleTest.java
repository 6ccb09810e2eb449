package io.hotfire.learned;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

/**
 * No package cycle in {@code learned}: the model's root package ({@code LearnedModel},
 * {@code ModelFile}, {@code TrainingSummary}) sits above {@code feature}, {@code gate} and
 * {@code classify}, and {@code train} above the root; nothing below names what is above it.
 */
class PackageCycleTest {

    static final String BASE = "io.hotfire.learned";

    @Test
    void thePackagesOfLearnedFormNoCycle() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS).importPackages(BASE);
        slices().assignedFrom(new SliceAssignment() {
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
        }).should().beFreeOfCycles().check(classes);
    }
}
