package org.openahi.core.dicomweb;

/**
 * The level a QIDO-RS request searches. Each level matches on its own attributes and those of the levels below
 * the one its path fixes: a series search within a study takes series keys, an instance search takes series and
 * instance keys.
 */
public enum QidoLevel {
    STUDY,
    SERIES,
    INSTANCE;

    boolean accepts(QidoAttribute attribute) {
        return switch (this) {
            case STUDY -> attribute.level == STUDY;
            case SERIES -> attribute.level == SERIES;
            case INSTANCE -> attribute.level == SERIES || attribute.level == INSTANCE;
        };
    }
}
