package io.layerline.testing;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The rules every service's package tree keeps: the domain imports nothing but Java and itself, the application
 * layer does not know its adapters, and incoming and outgoing adapters do not import each other. Each service has
 * an {@code ArchitectureTest} that extends this class with its root package.
 */
public abstract class ServiceArchitecture {

    private final String root;
    private final JavaClasses classes;

    /** @param root the package the service's production classes start with, e.g. {@code io.layerline.build} */
    protected ServiceArchitecture(String root) {
        this.root = root;
        this.classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(root);
    }

    @Test
    void theDomainImportsNothingButJavaAndItself() {
        classes().that().resideInAPackage(root + ".domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", root + ".domain..")
                .because("the domain is pure Java: no Micronaut, Kafka, JDBC, Jackson or contracts")
                .check(classes);
    }

    @Test
    void theApplicationLayerDoesNotKnowItsAdapters() {
        noClasses().that().resideInAPackage(root + ".application..")
                .should().dependOnClassesThat().resideInAPackage(root + ".adapter..")
                .allowEmptyShould(true)
                .check(classes);
    }

    /**
     * HTTP controllers call use cases, never an outgoing port (an application interface an outgoing adapter
     * implements) nor the types it declares. A service calls this from its own test once its controllers keep it.
     */
    protected void controllersCallNoOutgoingPort() {
        Set<String> ports = new HashSet<>();
        for (JavaClass adapter : classes.that(JavaClass.Predicates.resideInAPackage(root + ".adapter.out.."))) {
            adapter.getAllRawInterfaces().stream().filter(type -> type.getPackageName().startsWith(root
                    + ".application")).forEach(port -> ports.add(port.getName()));
        }
        noClasses().that().resideInAPackage(root + ".adapter.in.http..")
                .should().dependOnClassesThat(new DescribedPredicate<JavaClass>("outgoing ports " + ports) {
                    @Override
                    public boolean test(JavaClass type) {
                        return ports.contains(type.getName()) || type.getEnclosingClass()
                                .map(enclosing -> ports.contains(enclosing.getName())).orElse(false);
                    }
                })
                .check(classes);
    }

    @Test
    void incomingAndOutgoingAdaptersDoNotImportEachOther() {
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
