package org.openahi.server;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.openahi.core.access.AccessFile;
import org.openahi.core.access.Policy;
import org.openahi.core.access.Principal;

/**
 * {@code ./openahi access [FILE]}: checks an access file (by default the one {@code OPENAHI_ACCESS_FILE} names) as
 * the server reads it and lists its principals, access key ids (never secrets) and policy statements; exits 1 naming
 * the first problem when the file would not load.
 */
public final class AccessCli {
    private AccessCli() {}

    public static void main(String[] args) {
        Map<String, String> environment = System.getenv();
        String file = args.length > 0 ? args[0] : environment.getOrDefault("OPENAHI_ACCESS_FILE", "");
        if (file.isBlank()) {
            System.out.println("No access file (OPENAHI_ACCESS_FILE is empty): the server takes one key, "
                    + "OPENAHI_ACCESS_KEY_ID, allowed everything.");
            return;
        }
        AccessFile.Contents contents;
        try {
            contents = AccessFile.read(Path.of(file), environment);
        } catch (IllegalArgumentException e) {
            System.err.println("openahi: the access file would not load: " + e.getMessage());
            System.exit(1);
            return;
        }
        System.out.println(file + ": " + contents.principals().size() + " principals, "
                + contents.keys().size() + " access keys");
        for (Principal principal : contents.principals().values()) {
            System.out.println();
            System.out.println(principal.arn());
            List<String> keys = contents.keys().values().stream()
                    .filter(key -> key.principalArn().equals(principal.arn()))
                    .map(AccessFile.AccessKey::accessKeyId)
                    .toList();
            System.out.println(
                    "  access keys: " + (keys.isEmpty() ? "none (reached by its ARN)" : String.join(", ", keys)));
            for (int i = 0; i < principal.policies().size(); i++) {
                Policy policy = principal.policies().get(i);
                System.out.println("  policy " + (i + 1) + ":");
                policy.describe().forEach(line -> System.out.println("    " + line));
            }
        }
    }
}
