package org.openahi.core.tag;

import java.util.Collection;
import java.util.Map;
import java.util.SortedMap;

/** Storage port for resource tags, keyed by resource ARN. */
public interface TagRepository {

    SortedMap<String, String> list(String resourceArn);

    /** Adds the tags, replacing the values of keys that exist. */
    void put(String resourceArn, Map<String, String> tags);

    /** Removes the keys; keys that do not exist are ignored. */
    void remove(String resourceArn, Collection<String> keys);
}
