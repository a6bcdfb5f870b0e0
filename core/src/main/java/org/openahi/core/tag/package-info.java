/** TagResource, UntagResource, ListTagsForResource on data stores and image sets ({@link TagService}). */
package org.openahi.core.tag;
