package org.openahi.core.access;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a caller asks to do, as IAM evaluates it: an action ({@code medical-imaging:GetImageSet}), the resources it
 * touches (every one must be allowed: AHI authorizes data-plane actions on the data store and the image set), and
 * the request's condition keys. Keys are case-insensitive, as in IAM; values are not.
 */
public record AccessRequest(String action, List<Resource> resources, Map<String, List<String>> context) {
    /** The resource of actions that have none (CreateDatastore, ListDatastores): IAM's {@code *}. */
    public static final String ANY_RESOURCE = "*";

    /** A resource by its ARN, with its tags (read only when a policy asks for {@code aws:ResourceTag/*}). */
    public record Resource(String arn, Supplier<Map<String, String>> tags) {
        public static Resource untagged(String arn) {
            return new Resource(arn, Map::of);
        }
    }

    public AccessRequest {
        resources = List.copyOf(resources);
        Map<String, List<String>> keys = new java.util.HashMap<>();
        context.forEach((name, values) -> keys.put(key(name), List.copyOf(values)));
        context = Map.copyOf(keys);
    }

    /** A condition key as the context stores it. */
    static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
