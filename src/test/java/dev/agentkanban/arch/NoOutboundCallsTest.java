package dev.agentkanban.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * OWASP API7 (server-side request forgery): the server stores repository URLs and other
 * client-given addresses but never connects anywhere itself, so no request can make it fetch one.
 * Checked on the compiled main classes: none uses an HTTP client, a URL connection or a socket.
 */
class NoOutboundCallsTest {

    @Test
    void theServerOpensNoOutboundConnections() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("java.net.http..", "io.vertx.ext.web.client..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.URLConnection")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.HttpURLConnection")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.Socket")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("io.vertx.core.http.HttpClient")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("io.vertx.core.net.NetClient")
                .check(new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                        .importPackages("dev.agentkanban"));
    }
}
