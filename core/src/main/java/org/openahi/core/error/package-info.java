/** The closed set of domain failures ({@link OpenAhiException}); the server maps each to one AWS error shape. */
package org.openahi.core.error;
