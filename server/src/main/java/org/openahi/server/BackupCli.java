package org.openahi.server;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.openahi.server.backup.BackupException;
import org.openahi.server.backup.EmbeddedBackup;
import org.openahi.server.config.ServerConfig;

/**
 * {@code ./openahi backup DEST} (online, while the server runs) and {@code ./openahi restore SRC} (into empty data
 * locations, the server stopped), for the embedded default, with the server's own {@code OPENAHI_*} variables. Exits 0
 * when done, 1 when it could not be done, 2 on a usage or configuration error.
 */
public final class BackupCli {
    static final String USAGE = "usage: ./openahi backup DEST | ./openahi restore SRC (with the server's OPENAHI_*"
            + " variables; README, \"Backup and restore\")";

    private BackupCli() {}

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    public static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        if (args.length != 2 || !(args[0].equals("backup") || args[0].equals("restore"))) {
            err.println(USAGE);
            return 2;
        }
        ServerConfig config;
        try {
            config = ServerConfig.fromEnvironment(environment);
        } catch (IllegalArgumentException e) {
            err.println("openahi " + args[0] + ": " + e.getMessage());
            return 2;
        }
        EmbeddedBackup backup = new EmbeddedBackup(config, out, Clock.systemUTC());
        try {
            if (args[0].equals("backup")) {
                backup.backup(Path.of(args[1]));
            } else {
                backup.restore(Path.of(args[1]));
            }
            return 0;
        } catch (BackupException | IOException e) {
            err.println("openahi " + args[0] + ": " + e.getMessage());
            return 1;
        }
    }
}
