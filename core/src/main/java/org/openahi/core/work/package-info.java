/**
 * Background work recorded in the metadata store and run under a lease ({@link LeasedWorkers}, the port
 * {@link Leases}), so each item runs on one node and one whose node died is taken over, and a runner that lost its
 * lease cannot commit ({@link Lease#check}); and the named checkpoints crash tests stop at.
 */
package org.openahi.core.work;
