package org.openahi.core.access;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The operator's access file ({@code OPENAHI_ACCESS_FILE}, kept in version control), read whole or refused whole:
 * <pre>
 * {"principals": [
 *   {"arn": "arn:aws:iam::123456789012:user/alice",
 *    "accessKeys": [{"accessKeyId": "AKIAALICE", "secretAccessKeyEnv": "ALICE_SECRET"}],
 *    "policies": [{"Version": "2012-10-17", "Statement": [...]}]},
 *   {"arn": "arn:aws:iam::123456789012:role/viewer", "policies": [...]}]}
 * </pre>
 * Optional members: {@code "oidc"} ({@link OidcSettings}: issuer, jwksUri, audience, claim rules naming principals)
 * and {@code "authorizers"} (Lambda function ARN to the URL of an HTTP authorizer answering AHI's Lambda event).
 * A secret is given as {@code secretAccessKey} or, to keep it out of the repository, {@code secretAccessKeyEnv}
 * (an environment variable's name). A principal without access keys is reachable only by its ARN (a role an OIDC
 * authorizer names).
 */
public final class AccessFile {
    private static final ObjectReader JSON = new ObjectMapper()
            .reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    private static final Pattern PRINCIPAL_ARN = Pattern.compile("arn:aws:(iam|sts)::[0-9]{12}:[A-Za-z0-9+=,.@_/:-]+");
    private static final Pattern LAMBDA_ARN = Pattern.compile("arn:aws:lambda:[a-z0-9-]+:[0-9]{12}:function:[^\\s]+");
    private static final Pattern ACCESS_KEY_ID = Pattern.compile("[A-Za-z0-9_.-]{3,128}");

    private AccessFile() {}

    /** An access key and its principal. */
    public record AccessKey(String accessKeyId, String secretAccessKey, String principalArn) {
        @Override
        public String toString() {
            return "AccessKey[" + accessKeyId + " of " + principalArn + "]";
        }
    }

    /**
     * What one version of the file says: principals, access keys, openahi's OIDC settings, and the URL of each Lambda
     * authorizer a data store's {@code lambdaAuthorizerArn} may name.
     */
    public record Contents(
            Map<String, Principal> principals,
            Map<String, AccessKey> keys,
            Optional<OidcSettings> oidc,
            Map<String, URI> authorizers) {}

    /** Reads and checks the file; an IllegalArgumentException naming the file and the place of the first problem. */
    public static Contents read(Path file, Map<String, String> environment) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not readable as JSON: " + e.getMessage(), e);
        }
        try {
            return parse(root, environment);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    static Contents parse(JsonNode root, Map<String, String> environment) {
        if (root == null || !root.isObject() || !root.path("principals").isArray()) {
            throw new IllegalArgumentException("the file is a JSON object with a \"principals\" array");
        }
        only(root, "the file", Set.of("principals", "oidc", "authorizers"));
        Map<String, Principal> principals = new LinkedHashMap<>();
        Map<String, AccessKey> keys = new LinkedHashMap<>();
        JsonNode entries = root.get("principals");
        for (int i = 0; i < entries.size(); i++) {
            JsonNode entry = entries.get(i);
            String where = "principal " + (i + 1);
            only(entry, where, Set.of("arn", "accessKeys", "policies"));
            String arn = entry.path("arn").asText("");
            if (!PRINCIPAL_ARN.matcher(arn).matches()) {
                throw new IllegalArgumentException(where + ": arn must be an IAM ARN such as "
                        + "arn:aws:iam::123456789012:user/alice, got '" + arn + "'");
            }
            where = where + " (" + arn + ")";
            List<Policy> policies = new ArrayList<>();
            JsonNode documents = entry.path("policies");
            if (!documents.isArray()) {
                throw new IllegalArgumentException(where + ": policies must be an array of IAM policy documents");
            }
            for (int p = 0; p < documents.size(); p++) {
                policies.add(Policy.parse(where + ", policy " + (p + 1), documents.get(p)));
            }
            if (principals.put(arn, new Principal(arn, policies)) != null) {
                throw new IllegalArgumentException(where + ": another principal has the same arn");
            }
            JsonNode accessKeys = entry.path("accessKeys");
            for (int k = 0; k < accessKeys.size(); k++) {
                AccessKey key = accessKey(where + ", access key " + (k + 1), accessKeys.get(k), arn, environment);
                if (keys.put(key.accessKeyId(), key) != null) {
                    throw new IllegalArgumentException(
                            where + ": access key id " + key.accessKeyId() + " is given twice");
                }
            }
        }
        Optional<OidcSettings> oidc =
                root.has("oidc") ? Optional.of(oidc(root.get("oidc"), principals)) : Optional.empty();
        Map<String, URI> authorizers = new LinkedHashMap<>();
        if (root.has("authorizers")) {
            only(root.get("authorizers"), "authorizers", null);
            root.get("authorizers").properties().forEach(entry -> {
                if (!LAMBDA_ARN.matcher(entry.getKey()).matches()) {
                    throw new IllegalArgumentException(
                            "authorizers: '" + entry.getKey() + "' is not a Lambda function ARN");
                }
                authorizers.put(
                        entry.getKey(),
                        httpUri(
                                "authorizers, " + entry.getKey(),
                                entry.getValue().asText("")));
            });
        }
        return new Contents(
                Collections.unmodifiableMap(principals),
                Collections.unmodifiableMap(keys),
                oidc,
                Collections.unmodifiableMap(authorizers));
    }

    private static OidcSettings oidc(JsonNode node, Map<String, Principal> principals) {
        only(node, "oidc", Set.of("issuer", "jwksUri", "audience", "principals"));
        String issuer = node.path("issuer").asText("");
        if (issuer.isEmpty()) {
            throw new IllegalArgumentException("oidc: issuer is required (the tokens' iss)");
        }
        List<OidcSettings.ClaimRule> rules = new ArrayList<>();
        JsonNode entries = node.path("principals");
        if (!entries.isArray() || entries.isEmpty()) {
            throw new IllegalArgumentException(
                    "oidc: principals must be a non-empty array of {claim, value, principal}");
        }
        for (int i = 0; i < entries.size(); i++) {
            String where = "oidc, principals " + (i + 1);
            JsonNode rule = entries.get(i);
            only(rule, where, Set.of("claim", "value", "principal"));
            String arn = rule.path("principal").asText("");
            if (!principals.containsKey(arn)) {
                throw new IllegalArgumentException(
                        where + ": principal '" + arn + "' is not one of the file's principals");
            }
            rules.add(new OidcSettings.ClaimRule(
                    rule.path("claim").asText("sub"), rule.path("value").asText(""), arn));
        }
        return new OidcSettings(
                issuer,
                httpUri("oidc, jwksUri", node.path("jwksUri").asText("")),
                Optional.ofNullable(node.get("audience")).map(JsonNode::asText),
                rules);
    }

    private static URI httpUri(String where, String text) {
        try {
            URI uri = new URI(text);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new IllegalArgumentException(where + ": '" + text + "' is not an http(s) URL");
    }

    private static AccessKey accessKey(String where, JsonNode entry, String arn, Map<String, String> environment) {
        only(entry, where, Set.of("accessKeyId", "secretAccessKey", "secretAccessKeyEnv"));
        String id = entry.path("accessKeyId").asText("");
        if (!ACCESS_KEY_ID.matcher(id).matches()) {
            throw new IllegalArgumentException(
                    where + ": accessKeyId must be 3 to 128 letters, digits, '_', '.' or '-'");
        }
        String secret;
        if (entry.has("secretAccessKey") == entry.has("secretAccessKeyEnv")) {
            throw new IllegalArgumentException(where + ": give exactly one of secretAccessKey and secretAccessKeyEnv");
        } else if (entry.has("secretAccessKey")) {
            secret = entry.get("secretAccessKey").asText("");
        } else {
            String variable = entry.get("secretAccessKeyEnv").asText("");
            secret = environment.getOrDefault(variable, "");
            if (secret.isEmpty()) {
                throw new IllegalArgumentException(where + ": secretAccessKeyEnv names " + variable
                        + ", which is not set in the server's environment");
            }
        }
        if (secret.length() < 8) {
            throw new IllegalArgumentException(where + ": the secret of " + id + " is shorter than 8 characters");
        }
        return new AccessKey(id, secret, arn);
    }

    /** Checks {@code node} is an object with no member outside {@code members} (any member when null). */
    private static void only(JsonNode node, String where, Set<String> members) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + ": must be a JSON object");
        }
        if (members == null) {
            return;
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!members.contains(name)) {
                throw new IllegalArgumentException(where + ": unknown member '" + name + "' (known: " + members + ")");
            }
        }
    }
}
