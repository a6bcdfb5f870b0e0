package org.openahi.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerConfigTest {
    @Test
    void defaultsServeLoopbackOnTheDocumentedPortWithAnEmbeddedDatabase() {
        ServerConfig config = ServerConfig.fromEnvironment(Map.of());
        assertThat(config.bind()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(ServerConfig.DEFAULT_PORT);
        assertThat(config.databaseUrl()).isEqualTo("jdbc:sqlite:./data/openahi.db");
        assertThat(config.region()).isEqualTo("us-east-1");
        assertThat(config.accountId()).matches("[0-9]{12}");
        assertThat(config.maxDatastores()).isEqualTo(10);
        assertThat(config.usesDevelopmentCredentials()).isTrue();
    }

    @Test
    void aPostgresUrlSwitchesTheBackEndAndSecretsAreMaskedInTheLog() {
        ServerConfig config = ServerConfig.fromEnvironment(Map.of(
                "OPENAHI_DATABASE_URL",
                "jdbc:postgresql://db/openahi?user=u&password=hunter2",
                "OPENAHI_DATABASE_PASSWORD",
                "hunter3",
                "OPENAHI_SECRET_ACCESS_KEY",
                "s3cr3t"));
        assertThat(config.databaseUrl()).startsWith("jdbc:postgresql:");
        assertThat(config.describe().toString())
                .doesNotContain("hunter2", "hunter3", "s3cr3t")
                .contains("password=****");
    }

    @Test
    void poolProxyAndNodeSettingsAreReadAndChecked() {
        ServerConfig defaults = ServerConfig.fromEnvironment(Map.of());
        assertThat(defaults.databasePool()).isEqualTo(org.openahi.store.jdbc.JdbcSettings.Pool.DEFAULT);
        assertThat(defaults.trustProxyHeaders()).isFalse();

        ServerConfig config = ServerConfig.fromEnvironment(Map.of(
                "OPENAHI_DATABASE_POOL_SIZE", "5",
                "OPENAHI_DATABASE_CONNECT_TIMEOUT_MILLIS", "1500",
                "OPENAHI_DATABASE_IDLE_SECONDS", "60",
                "OPENAHI_TRUST_PROXY_HEADERS", "true",
                "OPENAHI_NODE_NAME", "node-2.example"));
        assertThat(config.databasePool().maxConnections()).isEqualTo(5);
        assertThat(config.databasePool().connectTimeout()).isEqualTo(java.time.Duration.ofMillis(1500));
        assertThat(config.databasePool().idleTimeout()).isEqualTo(java.time.Duration.ofSeconds(60));
        assertThat(config.trustProxyHeaders()).isTrue();
        assertThat(config.nodeName()).isEqualTo("node-2.example");
        assertThat(config.describe()).containsEntry("nodeName", "node-2.example");

        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of(
                        "OPENAHI_DATABASE_POOL_SIZE", "0",
                        "OPENAHI_DATABASE_IDLE_SECONDS", "5",
                        "OPENAHI_TRUST_PROXY_HEADERS", "yes",
                        "OPENAHI_NODE_NAME", "node {1}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("OPENAHI_DATABASE_POOL_SIZE")
                .hasMessageContaining("OPENAHI_DATABASE_IDLE_SECONDS")
                .hasMessageContaining("OPENAHI_TRUST_PROXY_HEADERS")
                .hasMessageContaining("OPENAHI_NODE_NAME");
    }

    @Test
    void everyInvalidVariableIsReportedAtOnce() {
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of(
                        "OPENAHI_PORT",
                        "http",
                        "OPENAHI_ACCOUNT_ID",
                        "42",
                        "OPENAHI_REGION",
                        "moon",
                        "OPENAHI_DATABASE_URL",
                        "jdbc:mysql://x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll(
                        "OPENAHI_PORT", "OPENAHI_ACCOUNT_ID", "OPENAHI_REGION", "OPENAHI_DATABASE_URL");
    }

    @Test
    void theDicomListenerIsConfiguredByAeTitlesAndDestinations() {
        ServerConfig.Dimse dimse = ServerConfig.fromEnvironment(Map.of(
                        "OPENAHI_DIMSE_AE_TITLES", "CT=ds1, MR = ds2",
                        "OPENAHI_DIMSE_DESTINATIONS", "VIEWER=10.0.0.5:104,PACS=pacs.example:11112",
                        "OPENAHI_DIMSE_CALLING_AE_TITLES", "SCANNER, VIEWER"))
                .dimse();
        assertThat(dimse.port()).isEqualTo(11112);
        assertThat(dimse.tlsPort()).isEmpty();
        assertThat(dimse.aeTitles()).containsExactlyInAnyOrderEntriesOf(Map.of("CT", "ds1", "MR", "ds2"));
        assertThat(dimse.destinations())
                .containsEntry("VIEWER", new ServerConfig.HostPort("10.0.0.5", 104))
                .containsEntry("PACS", new ServerConfig.HostPort("pacs.example", 11112));
        assertThat(dimse.callingAeTitles()).containsExactlyInAnyOrder("SCANNER", "VIEWER");
        assertThat(dimse.maxAssociations()).isEqualTo(32);
    }

    @Test
    void dicomListenerMistakesAreNamed() {
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of(
                        "OPENAHI_DIMSE_AE_TITLES", "CT",
                        "OPENAHI_DIMSE_DESTINATIONS", "VIEWER=nohost,A_TITLE_OF_MORE_THAN_16=h:1",
                        "OPENAHI_DIMSE_TLS_PORT", "2762")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll(
                        "OPENAHI_DIMSE_AE_TITLES: 'CT' is not KEY=value",
                        "OPENAHI_DIMSE_DESTINATIONS: 'nohost' is not host:port",
                        "'A_TITLE_OF_MORE_THAN_16' is not an AE title",
                        "OPENAHI_DIMSE_TLS_PORT needs OPENAHI_DIMSE_TLS_KEY and OPENAHI_DIMSE_TLS_CERTIFICATE");
    }

    @Test
    void webhooksAreNamedUrlsEachWithASecretThatTheLogMasks() {
        ServerConfig config = ServerConfig.fromEnvironment(Map.of(
                "OPENAHI_EVENT_WEBHOOKS", "audit=https://hooks.example/ahi, pacs = http://10.0.0.7:8080/in",
                "OPENAHI_EVENT_WEBHOOK_SECRETS", "audit=s3cr3t-a,pacs=s3cr3t-p"));
        ServerConfig.Events events = config.events();
        assertThat(events.webhooks().keySet()).containsExactly("audit", "pacs");
        assertThat(events.webhooks().get("pacs"))
                .isEqualTo(
                        new ServerConfig.Webhook("pacs", java.net.URI.create("http://10.0.0.7:8080/in"), "s3cr3t-p"));
        assertThat(events.retryMaxSeconds()).isEqualTo(300);
        assertThat(events.retentionHours()).isEqualTo(168);
        assertThat(config.describe().toString()).doesNotContain("s3cr3t").contains("https://hooks.example/ahi");
        assertThat(ServerConfig.fromEnvironment(Map.of()).events().webhooks()).isEmpty();
    }

    @Test
    void webhookMistakesAreNamed() {
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of(
                        "OPENAHI_EVENT_WEBHOOKS", "a=ftp://x/y,b c=http://h/,nosecret=http://h/",
                        "OPENAHI_EVENT_WEBHOOK_SECRETS", "a=1,b c=2,stray=3")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll(
                        "'ftp://x/y' of webhook a is not an http:// or https:// URL",
                        "'b c' is not a webhook name",
                        "OPENAHI_EVENT_WEBHOOK_SECRETS has no secret for webhook nosecret",
                        "OPENAHI_EVENT_WEBHOOK_SECRETS names stray, which OPENAHI_EVENT_WEBHOOKS does not");
    }
}
