/**
 * The metadata store port ({@link MetadataStore}: transactions over the repositories of every area) and what the
 * repositories share: resource ids, idempotency tokens, server-wide secrets, the message shape. Adapters live in the
 * {@code store-*} modules; {@code store-tck} holds the contract suites they pass.
 */
package org.openahi.core.store;
