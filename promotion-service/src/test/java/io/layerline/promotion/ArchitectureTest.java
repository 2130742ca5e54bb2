package io.layerline.promotion;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The package tree is the architecture: the domain imports no framework, adapters don't import each other. */
class ArchitectureTest {

    private static final String ROOT = "io.layerline.promotion";
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void theDomainImportsNothingButJavaAndItself() {
        classes().that().resideInAPackage(ROOT + ".domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", ROOT + ".domain..")
                .because("the domain is pure Java: no Micronaut, Kafka, JDBC, Jackson or contracts")
                .check(CLASSES);
    }

    @Test
    void theApplicationLayerDoesNotKnowItsAdapters() {
        noClasses().that().resideInAPackage(ROOT + ".application..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".adapter..")
                .allowEmptyShould(true)
                .check(CLASSES);
    }

    @Test
    void incomingAndOutgoingAdaptersDoNotImportEachOther() {
        noClasses().that().resideInAPackage(ROOT + ".adapter.in..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".adapter.out..")
                .allowEmptyShould(true)
                .check(CLASSES);
        noClasses().that().resideInAPackage(ROOT + ".adapter.out..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".adapter.in..")
                .allowEmptyShould(true)
                .check(CLASSES);
    }
}
