/** The audit trail: one durable JSON line per write a front door accepted for authorization. */
package org.openahi.core.audit;
