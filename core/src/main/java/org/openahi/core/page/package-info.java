/** Pagination: pages, cursors and the tamper-evident tokens every listing hands out. */
package org.openahi.core.page;
