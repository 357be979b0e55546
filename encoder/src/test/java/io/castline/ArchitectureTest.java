package io.castline;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.castline.cli.Main;
import io.castline.engine.output.PacketQueue;
import io.castline.engine.settings.EncoderSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The engine and CLI must run headless and the engine must not know the CLI. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importEncoderClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.castline");
    }

    private static ArchRule noDependency(String fromPackage, String toPackage) {
        return noClasses().that().resideInAPackage(fromPackage)
                .should().dependOnClassesThat().resideInAPackage(toPackage)
                .allowEmptyShould(false);
    }

    @Test
    void importsTheEncoderMainClassesOnly() {
        assertThat(classes.size()).isGreaterThan(30);
        assertThat(classes.contain(EncoderSettings.class)).isTrue();
        assertThat(classes.contain(PacketQueue.class)).isTrue();
        assertThat(classes.contain(Main.class)).isTrue();
        assertThat(classes.contain(ArchitectureTest.class)).isFalse();
        assertThat(classes.stream().filter(c -> c.getPackageName().startsWith("io.castline.engine"))).isNotEmpty();
        assertThat(classes.stream().filter(c -> c.getPackageName().startsWith("io.castline.cli"))).isNotEmpty();
        assertThat(classes.stream().map(JavaClass::getName)).allMatch(n -> n.startsWith("io.castline."));
    }

    @Test
    void nothingDependsOnJavaFx() {
        noDependency("io.castline..", "javafx..").check(classes);
    }

    @Test
    void engineDoesNotDependOnTheCli() {
        noDependency("io.castline.engine..", "io.castline.cli..").check(classes);
    }

    /** The engine's packages form layers: no two of them depend on each other, however indirectly. */
    @Test
    void noPackageCyclesInsideTheEngine() {
        slices().matching("io.castline.(**)").should().beFreeOfCycles().check(classes);
    }

    /** What only the benchmarks need stays in the bench package: the engine does not know it. */
    @Test
    void benchOnlyCodeStaysOutOfTheEngine() {
        noDependency("io.castline.engine..", "io.castline.bench..").check(classes);
    }

    /** The rules above can fail: the same rule shape does see dependencies that exist. */
    @Test
    void theRuleShapeDetectsRealDependencies() {
        assertThatThrownBy(() -> noDependency("io.castline.engine..", "org.bytedeco..").check(classes))
                .isInstanceOf(AssertionError.class).hasMessageContaining("org.bytedeco");
        assertThatThrownBy(() -> noDependency("io.castline.cli..", "io.castline.engine..").check(classes))
                .isInstanceOf(AssertionError.class).hasMessageContaining("io.castline.cli.LiveCommand");
    }
}
