/** Data stores: CreateDatastore, GetDatastore, ListDatastores, DeleteDatastore ({@link org.openahi.core.datastore.DatastoreService}) and their storage port. */
package org.openahi.core.datastore;
