package org.openahi.core.dicomweb;

/**
 * The level a QIDO-RS request searches. Each level matches on its own attributes and those of the levels below
 * the one its path fixes: a series search within a study takes series keys, an instance search takes series and
 * instance keys, and a search across studies (at the data store's root) study keys too.
 */
public enum QidoLevel {
    STUDY,
    SERIES,
    INSTANCE;

    boolean accepts(QidoAttribute attribute, boolean acrossStudies) {
        return switch (this) {
            case STUDY -> attribute.level == STUDY;
            case SERIES -> attribute.level == SERIES || acrossStudies && attribute.level == STUDY;
            case INSTANCE -> attribute.level != STUDY || acrossStudies;
        };
    }
}
