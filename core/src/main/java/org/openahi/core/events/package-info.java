/**
 * AHI's events (docs/events.md). {@link RecordingStore} appends the event of every change AHI reports to the outbox
 * ({@link EventOutbox}, the port) in the change's own transaction; {@link EventDeliveryWork}, run by
 * {@link org.openahi.core.work.LeasedWorkers} with a webhook's cursor as its item, hands them to each receiver in
 * position order, at least once; {@link EventDelivery} reads where the delivery stands and replays from a position.
 */
package org.openahi.core.events;
