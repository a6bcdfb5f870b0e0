/** Backup and restore of the embedded default (SQLite and blob folders): {@code ./openahi backup}, {@code restore}. */
package org.openahi.server.backup;
