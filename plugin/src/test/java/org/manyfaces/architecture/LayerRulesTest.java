package org.manyfaces.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The dependency rules of docs/ARCHITECTURE.md ("Java packages"), checked on the product's compiled classes
 * (tests excluded). Each rule is the reason a layer can be replaced or tested alone: the OFX binding can change
 * without touching a pipeline stage, the pipeline runs headless in the CLI, and each third-party runtime (JNA,
 * ONNX Runtime, JavaCV) is reached through exactly one package, so swapping or upgrading it has one place to
 * look. A violation fails with the offending class and the line of the access.
 */
class LayerRulesTest {
    private static final String ROOT = "org.manyfaces";
    private static JavaClasses product;

    @BeforeAll
    static void importProductClasses() {
        product = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(ROOT);
    }

    @Test
    void jnaIsReachedOnlyThroughOfxJna() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".ofx.jna..")
                .should().dependOnClassesThat().resideInAPackage("com.sun.jna..")
                .because("ofx.jna holds the raw mappings; everything else sees typed OFX objects")
                .check(product);
    }

    @Test
    void onnxRuntimeIsReachedOnlyThroughInference() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".inference..")
                .should().dependOnClassesThat().resideInAPackage("ai.onnxruntime..")
                .because("provider choice, session cache and contract checks live in one place")
                .check(product);
    }

    @Test
    void javaCvIsReachedOnlyThroughVideo() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".video..")
                .should().dependOnClassesThat().resideInAPackage("org.bytedeco..")
                .because("the plug-in's render path must never load FFmpeg or OpenCV; only the CLI's media I/O and"
                        + " the bench's OpenCV peer do, both in video")
                .check(product);
    }

    @Test
    void stagesAndRuntimeKnowNothingOfHostsEffectsPresetsOrTheCli() {
        noClasses().that().resideInAnyPackage(ROOT + ".pipeline..", ROOT + ".inference..", ROOT + ".image..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".effect..", ROOT + ".ofx..",
                        ROOT + ".preset..", ROOT + ".cli..", ROOT + ".bench..", ROOT + ".video..")
                .because("pipeline stages are host-neutral: the OFX effects and the CLI both drive them")
                .check(product);
    }

    @Test
    void disclosureIsPureJavaOverImages() {
        noClasses().that().resideInAPackage(ROOT + ".disclosure..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".effect..", ROOT + ".ofx..",
                        ROOT + ".preset..", ROOT + ".cli..", "ai.onnxruntime..", "org.bytedeco..")
                .because("verify must read a mark with no host, no model and no video library beyond what reads the file")
                .check(product);
    }

    @Test
    void effectsDoNotReachTheirFrontEnds() {
        noClasses().that().resideInAPackage(ROOT + ".effect..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".ofx..", ROOT + ".cli..",
                        ROOT + ".bench..", ROOT + ".video..")
                .because("an effect is host-neutral: the OFX binding and the CLI are two front ends of the same code")
                .check(product);
    }

    @Test
    void theOfxBindingKnowsNoPresetsAndNoCommandLine() {
        noClasses().that().resideInAPackage(ROOT + ".ofx..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".preset..", ROOT + ".cli..",
                        ROOT + ".bench..", ROOT + ".install..")
                .because("ofx is a front end of host-neutral effects: the Presets page reaches it as the"
                        + " effect.InstanceControls service, so the same instance logic serves any host")
                .check(product);
    }

    @Test
    void errorCodesAreALeafEveryLayerMayUse() {
        noClasses().that().resideInAPackage(ROOT + ".error..")
                .should().dependOnClassesThat().resideOutsideOfPackages(ROOT + ".error..", "java..")
                .because("every layer reports its failures with these codes, so they may depend on none")
                .check(product);
    }

    @Test
    void picocliStaysInTheCommandLine() {
        noClasses().that().resideOutsideOfPackages(ROOT + ".cli..", ROOT + ".install..")
                .should().dependOnClassesThat().resideInAPackage("picocli..")
                .because("option parsing belongs to the command-line front ends")
                .check(product);
    }

    @Test
    void topLevelPackagesFormNoCycle() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(product);
    }
}
