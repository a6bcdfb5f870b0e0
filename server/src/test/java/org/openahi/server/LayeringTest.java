package org.openahi.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The layering DEVELOPERS.md promises, checked on the compiled classes of every module the server is built from:
 * dependencies point one way, and a codec module is used only through its root package, its public API.
 */
class LayeringTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.openahi");

    @ParameterizedTest
    @ValueSource(strings = {"dicom", "htj2k", "jpeg", "jpegls"})
    void dicomAndTheCodecsUseOnlyTheJdk(String module) {
        classes()
                .that()
                .resideInAPackage("org.openahi." + module + "..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "org.openahi." + module + "..")
                .check(CLASSES);
    }

    @Test
    void coreKnowsNoFrontDoorNoAdapterAndNoHttp() {
        noClasses()
                .that()
                .resideInAPackage("org.openahi.core..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.openahi.server..",
                        "org.openahi.store..",
                        "org.openahi.dimse..",
                        "org.eclipse.jetty..",
                        "software.amazon..",
                        "java.net.http..")
                .check(CLASSES);
    }

    @Test
    void storeAdaptersDoNotUseEachOtherOrAFrontDoor() {
        for (String adapter : new String[] {"jdbc", "fs", "s3"}) {
            noClasses()
                    .that()
                    .resideInAPackage("org.openahi.store." + adapter + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage("org.openahi.server..", "org.openahi.dimse..")
                    .orShould()
                    .dependOnClassesThat(DescribedPredicate.describe(
                            "another store adapter",
                            type -> type.getPackageName().startsWith("org.openahi.store.")
                                    && !type.getPackageName().startsWith("org.openahi.store." + adapter)))
                    .check(CLASSES);
        }
    }

    @Test
    void dicomWebDoesNotSpeakTheAwsProtocol() {
        noClasses()
                .that()
                .resideInAPackage("org.openahi.server.dicomweb..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.openahi.server.aws..")
                .check(CLASSES);
    }

    @Test
    void theGenericHttpVocabularyDependsOnNoFrontDoor() {
        noClasses()
                .that()
                .resideInAPackage("org.openahi.server.http..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.openahi.server.aws..",
                        "org.openahi.server.dicomweb..",
                        "org.openahi.server.browser..",
                        "org.openahi.server.jetty..")
                .check(CLASSES);
    }

    @ParameterizedTest
    @ValueSource(strings = {"htj2k", "jpeg", "jpegls"})
    void aCodecIsUsedOnlyThroughItsRootPackage(String module) {
        noClasses()
                .that()
                .resideOutsideOfPackage("org.openahi." + module + "..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.openahi." + module + ".*..")
                .check(CLASSES);
    }

    @ParameterizedTest
    @ValueSource(strings = {"htj2k", "jpeg", "jpegls"})
    void aCodecsRootPackageHoldsOnlyItsPublicApi(String module) {
        classes()
                .that()
                .resideInAPackage("org.openahi." + module)
                .and()
                .areTopLevelClasses()
                .should()
                .bePublic()
                .check(CLASSES);
    }
}
