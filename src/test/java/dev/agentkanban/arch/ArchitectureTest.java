package dev.agentkanban.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.agentkanban.common.db.Write;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering ARCHITECTURE.md states, checked on the compiled main classes: feature packages
 * depend on each other without cycles, and HTTP resources stay thin (no SQL, no transactions).
 */
class ArchitectureTest {

    private static final String ROOT = "dev.agentkanban";

    /** Panache's own query and write methods, inherited by every entity. */
    private static final Set<String> PANACHE_QUERIES = Set.of("find", "findAll", "findById", "findByIdOptional",
            "list", "listAll", "stream", "streamAll", "count", "delete", "deleteAll", "deleteById", "persist",
            "persistAndFlush", "update", "flush", "getEntityManager");

    private static JavaClasses main;

    @BeforeAll
    static void importMain() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(ROOT);
    }

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(main);
    }

    @Test
    void resourcesRunNoSql() {
        noClasses().that().areAnnotatedWith(Path.class)
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.persistence..", "java.sql..",
                        "javax.sql..", "org.hibernate..", "io.agroal..", "io.quarkus.hibernate..")
                .orShould().callMethodWhere(panacheQuery())
                .because("a resource parses the request and calls a service; the service owns the data access")
                .check(main);
    }

    @Test
    void resourcesOpenNoTransactions() {
        noMethods().that().areDeclaredInClassesThat().areAnnotatedWith(Path.class)
                .should().beAnnotatedWith(Write.class).orShould().beAnnotatedWith(Transactional.class)
                .because("writes and their transactions belong to the services")
                .check(main);
        noClasses().that().areAnnotatedWith(Path.class)
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.transaction..", "io.quarkus.narayana..")
                .check(main);
    }

    private static DescribedPredicate<JavaCall<?>> panacheQuery() {
        return DescribedPredicate.describe("a Panache query or write on an entity", call ->
                call.getTargetOwner().isAssignableTo(PanacheEntityBase.class)
                        && PANACHE_QUERIES.contains(call.getName()));
    }
}
