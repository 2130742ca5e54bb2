package io.layerline.testing;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The rules every service's package tree keeps (one {@code ArchitectureTest} per service calls them):
 * the domain imports nothing but Java and itself, the application layer does not know its adapters, and
 * incoming and outgoing adapters do not import each other.
 */
public final class ServiceArchitecture {

    private final String root;
    private final JavaClasses classes;

    private ServiceArchitecture(String root) {
        this.root = root;
        this.classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(root);
    }

    /** The production classes of the service whose packages start with {@code root}, e.g. {@code io.layerline.build}. */
    public static ServiceArchitecture of(String root) {
        return new ServiceArchitecture(root);
    }

    public void domainImportsNothingButJavaAndItself() {
        classes().that().resideInAPackage(root + ".domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", root + ".domain..")
                .because("the domain is pure Java: no Micronaut, Kafka, JDBC, Jackson or contracts")
                .check(classes);
    }

    public void applicationDoesNotKnowItsAdapters() {
        noClasses().that().resideInAPackage(root + ".application..")
                .should().dependOnClassesThat().resideInAPackage(root + ".adapter..")
                .allowEmptyShould(true)
                .check(classes);
    }

    public void adaptersDoNotImportEachOther() {
        noClasses().that().resideInAPackage(root + ".adapter.in..")
                .should().dependOnClassesThat().resideInAPackage(root + ".adapter.out..")
                .allowEmptyShould(true)
                .check(classes);
        noClasses().that().resideInAPackage(root + ".adapter.out..")
                .should().dependOnClassesThat().resideInAPackage(root + ".adapter.in..")
                .allowEmptyShould(true)
                .check(classes);
    }
}
