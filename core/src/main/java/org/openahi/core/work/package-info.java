/**
 * Background work recorded in the metadata store and run under a lease ({@link LeasedWorkers}), so each item runs on
 * one node and one whose node died is taken over; and the named checkpoints crash tests stop at.
 */
package org.openahi.core.work;
