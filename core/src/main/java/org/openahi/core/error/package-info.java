/** The closed set of domain failures ({@link org.openahi.core.error.OpenAhiException}); the server maps each to one AWS error shape. */
package org.openahi.core.error;
