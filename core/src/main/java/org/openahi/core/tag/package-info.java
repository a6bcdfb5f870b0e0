/** TagResource, UntagResource, ListTagsForResource on data stores and image sets ({@link org.openahi.core.tag.TagService}). */
package org.openahi.core.tag;
