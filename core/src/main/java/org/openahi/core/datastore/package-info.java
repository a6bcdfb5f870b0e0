/**
 * Data stores: CreateDatastore, GetDatastore, ListDatastores, DeleteDatastore ({@link DatastoreService}) and their
 * storage port.
 */
package org.openahi.core.datastore;
