package org.openahi.server;

import java.time.Duration;
import java.util.Locale;
import org.openahi.server.config.ServerConfig;

/**
 * What the server prints once it answers requests: where it listens, where its data lives, the key to sign with
 * (the secret only when it is the development default, which is no secret) and the first lines to try.
 */
final class StartBanner {
    private StartBanner() {}

    static String render(ServerConfig config, int port, int dimsePort, Duration startup) {
        String host = switch (config.bind()) {
            case "0.0.0.0", "::", "" -> "127.0.0.1";
            default -> config.bind().contains(":") ? "[" + config.bind() + "]" : config.bind();
        };
        String url = "http://" + host + ":" + port;
        String version = StartBanner.class.getPackage().getImplementationVersion();
        boolean development = config.usesDevelopmentCredentials();
        String secret = config.secretAccessKey().equals(ServerConfig.DEFAULT_SECRET_ACCESS_KEY)
                ? config.secretAccessKey()
                : "<OPENAHI_SECRET_ACCESS_KEY>";
        StringBuilder b = new StringBuilder();
        b.append(String.format(
                Locale.ROOT,
                "%nopenahi %s is ready (started in %.2f s)%n",
                version == null ? "(development build)" : version,
                startup.toMillis() / 1000.0));
        b.append("  AHI API, DICOMweb  ").append(url).append('/');
        if (!host.equals(config.bind())) {
            b.append("  (listening on every interface)");
        }
        b.append('\n');
        b.append("  DICOM (DIMSE)      ")
                .append(host)
                .append(':')
                .append(dimsePort)
                .append("  (called AE title: a data store's name; docs/dimse.md)\n");
        b.append("  Data               ")
                .append(config.dataDirectory().toAbsolutePath().normalize())
                .append("  (database ")
                .append(config.databaseUrl().startsWith("jdbc:sqlite:") ? "SQLite" : "PostgreSQL")
                .append(", blobs ")
                .append(config.blobStore())
                .append(")\n");
        b.append("  Sign with SigV4    access key ")
                .append(config.accessKeyId())
                .append(", secret ")
                .append(secret)
                .append(", region ")
                .append(config.region())
                .append(", service medical-imaging\n");
        if (development) {
            b.append(
                    "                     (development credentials: set OPENAHI_ACCESS_KEY_ID and OPENAHI_SECRET_ACCESS_KEY"
                            + " before others can reach this server)\n");
        }
        b.append("  Try\n");
        b.append("    curl --aws-sigv4 \"aws:amz:")
                .append(config.region())
                .append(":medical-imaging\" --user ")
                .append(config.accessKeyId())
                .append(':')
                .append(secret)
                .append(' ')
                .append(url)
                .append("/datastore\n");
        b.append("    AWS_ACCESS_KEY_ID=")
                .append(config.accessKeyId())
                .append(" AWS_SECRET_ACCESS_KEY=")
                .append(secret)
                .append(" AWS_DEFAULT_REGION=")
                .append(config.region())
                .append(" aws medical-imaging list-datastores --endpoint-url ")
                .append(url)
                .append('\n');
        b.append("    Java SDK v2: MedicalImagingClient.builder().endpointOverride(URI.create(\"")
                .append(url)
                .append("\")) with host prefix injection off (README: \"The runtime- host prefix\")\n");
        return b.toString();
    }
}
