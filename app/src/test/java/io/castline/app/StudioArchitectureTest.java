package io.castline.app;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The studio's layering: view-models and the engine adapter hold state and talk to the engine but
 * never build or touch nodes (so they are tested without a window); only views do, and only they
 * use ControlsFX.
 */
class StudioArchitectureTest {
    private static final JavaClasses APP = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.castline.app");

    @Test
    void viewModelsNeverTouchNodes() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..", "org.controlsfx..")
                .check(APP);
    }

    @Test
    void theEngineAdapterAndTheProfileKnowNoNodes() {
        noClasses().that().resideInAnyPackage("io.castline.app.engine..", "io.castline.app.profile..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..")
                .check(APP);
    }

    @Test
    void theDecisionsAreTestableWithoutAWindow() {
        noClasses().that().haveSimpleNameEndingWith("PreFlight").or().haveSimpleName("Alerts").or().haveSimpleName("UplinkCheck")
                .or().haveSimpleName("GaugeScale")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..")
                .check(APP);
    }

    /** ControlsFX (the shortcut list's PopOver) is a views' library: a view or its popover uses it, nothing else. */
    @Test
    void onlyViewsUseControlsFx() {
        noClasses().that().haveSimpleNameNotEndingWith("View").and().haveSimpleNameNotEndingWith("PopOver")
                .should().dependOnClassesThat().resideInAnyPackage("org.controlsfx..")
                .check(APP);
    }

    /** One package per screen, and no two that need each other (the studio's window uses the docks, never back). */
    @Test
    void noPackageCycles() {
        slices().matching("io.castline.app.(*)..").should().beFreeOfCycles().check(APP);
    }
}
