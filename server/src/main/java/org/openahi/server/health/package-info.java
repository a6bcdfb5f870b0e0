/** Liveness and readiness: what a load balancer asks a node before sending it requests. */
package org.openahi.server.health;
